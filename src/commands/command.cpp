#include "commands/command.hpp"

#include <utility>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "core/usage_error.hpp"

namespace concur {
namespace {

// One word or many: CLI11 takes as many words as `value` holds.
template <typename Value>
CLI::Option* add_positional(CLI::App& app, const Positional& spec, Value& value) {
  return app.add_option(std::string(spec.name), value, std::string(spec.help))
      ->required(spec.required)
      ->type_name(std::string(spec.type_name));
}

}  // namespace

void Command::footer(const std::string& text) { app_->footer(text); }

std::function<bool()> Command::positional(const Positional& spec, std::string& value) {
  CLI::Option* option = add_positional(*app_, spec, value);
  return [option] { return option->count() > 0; };
}

void Command::positional(const Positional& spec, std::vector<std::string>& values) {
  add_positional(*app_, spec, values);
}

void Command::flag(std::string_view name, bool& value, std::string_view help) {
  app_->add_flag(std::string(name), value, std::string(help));
}

void Command::on_chosen(std::function<void()> chosen) { app_->callback(std::move(chosen)); }

Command CommandLine::add(std::string_view name, std::string_view summary) {
  return Command(*app_->add_subcommand(std::string(name), std::string(summary)));
}

void parse_alone(const std::vector<std::string>& args, const std::function<void(CommandLine&)>& add) {
  CLI::App app{"concur-demo", "concur-demo"};
  app.require_subcommand(1, 1);
  CommandLine line(app);
  add(line);
  std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 takes them last first
  try {
    app.parse(reversed);
  } catch (const CLI::ParseError& e) {
    throw UsageError(fmt::format("cannot parse '{}': {}", fmt::join(args, " "), e.what()));
  }
}

}  // namespace concur
