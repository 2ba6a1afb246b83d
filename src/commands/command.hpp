// What every command file offers the command line: a function that adds the command to the
// CLI11 app. When the user chose it, its callback leaves the Action to run; main runs it after
// parsing, so parsing never measures and a fuzzer can parse without running anything.
#pragma once

#include <functional>

namespace CLI {
class App;
}  // namespace CLI

namespace concur {

/// What a parsed command line stands for; returns the process's exit code.
using Action = std::function<int()>;

/// Adds one command (or a family of them, as the scenario commands are) to `app`; the chosen
/// command's callback sets `action`. `cores` is the machine's hardware threads (default workers).
using AddCommand = void (*)(CLI::App& app, Action& action, unsigned cores);

}  // namespace concur
