// What every command file offers the command line: a function that adds the command to it. When
// the user chose it, its callback leaves the Action to run; main runs it after parsing, so parsing
// never measures and a fuzzer can parse without running anything.
//
// Command files reach CLI11 only through CommandLine and Command (command.cpp): CLI11 is header
// only, and each unit that includes it spends half a minute compiling it in every build.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace CLI {
class App;
}  // namespace CLI

namespace concur {

/// What a parsed command line stands for; returns the process's exit code.
using Action = std::function<int()>;

/// A positional argument of a command, as --help shows it.
struct Positional {
  std::string_view name;       ///< its name in --help
  std::string_view help;       ///< its line in --help
  std::string_view type_name;  ///< its placeholder, e.g. "<FILE>"
  bool required = false;       ///< whether the command refuses to run without it
};

/// One command of the command line (a CLI11 subcommand), as a command file builds it.
class Command {
 public:
  /// The command CLI11 made of `app`; `app` must outlive this handle.
  explicit Command(CLI::App& app) : app_(&app) {}

  /// Sets the text --help shows under the command's options.
  void footer(const std::string& text);

  /// Adds a one-word positional argument written to `value`; the function returned says, once
  /// parsed, whether it was typed (an empty word typed is not the same as none).
  std::function<bool()> positional(const Positional& spec, std::string& value);

  /// Adds a positional argument of one word or more, each appended to `values`.
  void positional(const Positional& spec, std::vector<std::string>& values);

  /// Adds the flag `name` (e.g. "--all"), which sets `value` when given.
  void flag(std::string_view name, bool& value, std::string_view help);

  /// Runs `chosen` after parsing when the user chose this command.
  void on_chosen(std::function<void()> chosen);

  /// The CLI11 command itself, for OptionBinding only (options/ binds the option table to CLI11).
  [[nodiscard]] CLI::App& cli() { return *app_; }

 private:
  CLI::App* app_;
};

/// The command line the commands are added to (the CLI11 app).
class CommandLine {
 public:
  /// The command line CLI11 made of `app`; `app` must outlive this handle.
  explicit CommandLine(CLI::App& app) : app_(&app) {}

  /// Adds the command `name`, listed in --help with `summary`.
  Command add(std::string_view name, std::string_view summary);

 private:
  CLI::App* app_;
};

/// Adds one command (or a family of them, as the scenario commands are) to `line`; the chosen
/// command's callback sets `action`. `cores` is the machine's hardware threads (default workers).
using AddCommand = void (*)(CommandLine& line, Action& action, unsigned cores);

/// Parses `args` (a command and its options, without the program's name) on a command line that
/// holds only the commands `add` adds, running the chosen one's callback, exactly as the whole
/// command line would; for lessons, which run a command line of their own. Throws UsageError
/// ("cannot parse '<args>': …") for what CLI11 refuses, and whatever the callback throws.
void parse_alone(const std::vector<std::string>& args, const std::function<void(CommandLine&)>& add);

}  // namespace concur
