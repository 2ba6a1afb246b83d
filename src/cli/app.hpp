// The command line: CLI11 tokenises and writes help, every command file adds itself, and the
// option table judges every value. Parsing only decides what to do; running it comes after.
#pragma once

#include <memory>

#include "commands/command.hpp"

namespace CLI {
class App;
}  // namespace CLI

namespace concur {

/// The whole command line as CLI11 sees it, built and not parsed: every command of the list,
/// every option it binds, --help and --version. The chosen command's callback sets `action`
/// (which must outlive the app). The man page and completion generator walk this same app, so
/// they show exactly what the user can type.
std::unique_ptr<CLI::App> make_app(Action& action, unsigned cores);

/// Parses argv into the action it stands for (help and --version become an action that prints
/// them); throws UsageError for bad input. `cores` is the default for --workers. Runs nothing.
Action parse_command_line(int argc, const char* const* argv, unsigned cores);

/// The whole tool: parses, then runs the action; bad input is one line on stderr and exit
/// code 2, any other error one line and exit code 1.
int run_tool(int argc, const char* const* argv);

}  // namespace concur
