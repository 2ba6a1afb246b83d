#include "cli/app.hpp"

#include <algorithm>
#include <array>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "commands/compare.hpp"
#include "commands/count.hpp"
#include "commands/explain.hpp"
#include "commands/lesson.hpp"
#include "commands/list.hpp"
#include "commands/run.hpp"
#include "commands/serve.hpp"
#include "commands/sweep.hpp"
#include "commands/version.hpp"
#include "core/parse.hpp"
#include "core/suggest.hpp"
#include "core/usage_error.hpp"
#include "measure/machine.hpp"
#include "report/glyphs.hpp"
#include "report/terminal_text.hpp"

namespace concur {
namespace {

// The one list of commands, in the order --help lists them. A new command is its file in
// src/commands/ and one line here.
constexpr std::array<AddCommand, 8> kCommands{
    add_run_commands,    add_sweep_command,  add_count_command,   add_list_command,
    add_explain_command, add_lesson_command, add_compare_command, add_serve_command,
};

std::string one_line(std::string text) {
  std::replace(text.begin(), text.end(), '\n', ' ');
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

Action print(std::string text) {
  return [text = std::move(text)] {
    std::cout << in_charset(text, terminal_charset()) << std::flush;
    return 0;
  };
}

// An error names what the user typed: escaped (C0 by printable, C1, bidirectional overrides and
// stray bytes by single_line) and in the terminal's character set.
std::string error_text(const std::exception& e) {
  return in_charset(single_line(printable(e.what())), terminal_charset());
}

// CLI11 would say "The following argument was not expected: frobnicate"; a mistyped command
// deserves its name, the list, and the nearest one.
void check_command_name(const CLI::App& app, int argc, const char* const* argv) {
  if (argc < 2 || argv[1][0] == '-') return;
  const std::string_view first = argv[1];
  std::vector<std::string_view> names;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; }))
    names.emplace_back(sub->get_name());
  if (std::find(names.begin(), names.end(), first) != names.end()) return;
  throw UsageError(
      fmt::format("unknown command '{}'{} (commands: {})", first, did_you_mean(first, names), fmt::join(names, ", ")));
}

// CLI11 lists unexpected arguments last to first; say them in the order they were typed.
std::string unexpected_arguments(const CLI::App& app, const CLI::ExtrasError& e) {
  const CLI::App* owner = &app;
  for (const CLI::App* sub : app.get_subcommands())
    if (sub->remaining_size() > 0) owner = sub;
  const std::vector<std::string> words = owner->remaining(false);
  if (words.empty()) return one_line(e.what());
  return fmt::format("The following argument{} not expected: {}", words.size() > 1 ? "s were" : " was",
                     fmt::join(words, " "));
}

// The help of the command the user typed, or of the whole tool.
std::string help_of(const CLI::App& app) {
  for (const CLI::App* sub : app.get_subcommands()) return sub->help(app.get_name());
  return app.help();
}

}  // namespace

std::unique_ptr<CLI::App> make_app(Action& action, unsigned cores) {
  auto app = std::make_unique<CLI::App>(
      "concur-demo: the same workloads under sequential, thread, fork, pool, async and fiber models,\n"
      "measured on this machine, in one table.",
      "concur-demo");
  app->require_subcommand(0, 1);
  // Evaluated when --version is given, not while the app is built: probing the machine is not
  // free, and the man page and completion generator build the app too.
  app->set_version_flag("-V,--version", [] { return version_text(); });
  app->footer(
      "Examples:\n"
      "  concur-demo io --model=async\n"
      "  concur-demo sweep sleep --vary tasks=10,100,1000 --model thread,async");
  CommandLine line(*app);
  for (const AddCommand add : kCommands) add(line, action, cores);
  return app;
}

Action parse_command_line(int argc, const char* const* argv, unsigned cores) {
  Action action;
  const std::unique_ptr<CLI::App> owned = make_app(action, cores);
  CLI::App& app = *owned;
  check_command_name(app, argc, argv);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    return print(help_of(app));
  } catch (const CLI::CallForVersion& e) {
    return print(fmt::format("{}\n", e.what()));
  } catch (const CLI::ExtrasError& e) {
    throw UsageError(fmt::format("{} (see concur-demo --help)", unexpected_arguments(app, e)));
  } catch (const CLI::ParseError& e) {
    throw UsageError(fmt::format("{} (see concur-demo --help)", one_line(e.what())));
  }
  return action ? action : print(app.help());
}

int run_tool(int argc, const char* const* argv) {
  try {
    const Action action = parse_command_line(argc, argv, hardware_threads());
    return action();
  } catch (const UsageError& e) {
    std::cerr << "concur-demo: " << error_text(e) << '\n';
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "concur-demo: error: " << error_text(e) << '\n';
    return 1;
  }
}

}  // namespace concur
