#include "options/binding.hpp"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "core/usage_error.hpp"
#include "registry/registry.hpp"

namespace concur {
namespace {

std::string_view group_title(OptionGroup group) {
  switch (group) {
    case OptionGroup::runs:
      return "Models and runs";
    case OptionGroup::workload:
      return "Workload";
    case OptionGroup::output:
      return "Output";
    case OptionGroup::sweep:
      return "Sweep";
    case OptionGroup::server:
      return "Server";
  }
  return "Options";
}

// The scenarios of this command that use `spec`.
std::vector<std::string_view> users(const OptionSpec& spec, std::span<const ScenarioInfo* const> scenarios) {
  std::vector<std::string_view> names;
  for (const ScenarioInfo* s : scenarios)
    if (option_serves(spec, s->name)) names.push_back(s->name);
  return names;
}

// What --help says of an option: its line, the accepted words, and for a command of several
// scenarios which of them use it.
std::string help_line(const OptionSpec& spec, std::span<const ScenarioInfo* const> scenarios) {
  std::string line(spec.help);
  if (spec.kind == ValueKind::models) {
    std::vector<std::string_view> core;
    for (const auto& m : models())
      if (m.kind == ModelKind::core) core.push_back(m.name);
    line += fmt::format(": {} or all; py for the Python rows; more in concur-demo list", fmt::join(core, ","));
  }
  if (spec.kind == ValueKind::choice) line += fmt::format(": {}", one_of(spec.choices()));
  if (!spec.scenarios.empty() && scenarios.size() > 1)
    line = fmt::format("{}: {}", fmt::join(users(spec, scenarios), ", "), line);
  return line;
}

// The words of the table's scenario list, for error messages.
std::vector<std::string_view> scenario_words(std::string_view list) {
  std::vector<std::string_view> words;
  while (!list.empty()) {
    const auto space = list.find(' ');
    words.push_back(list.substr(0, space));
    list = space == std::string_view::npos ? std::string_view() : list.substr(space + 1);
  }
  return words;
}

}  // namespace

OptionBinding::OptionBinding(CLI::App& app, CommandUse use, std::span<const ScenarioInfo* const> scenarios) {
  for (const OptionSpec& spec : option_table()) {
    if ((spec.commands & use) == 0) continue;
    const bool shown = spec.scenarios.empty() || scenarios.empty() || !users(spec, scenarios).empty();
    const std::string names =
        spec.short_name != 0 ? fmt::format("-{},--{}", spec.short_name, spec.name) : fmt::format("--{}", spec.name);
    Bound& b = bound_.emplace_back(Bound{.spec = &spec, .option = nullptr, .values = {}});
    if (spec.kind == ValueKind::flag) {
      b.option = app.add_flag(names)->description(help_line(spec, scenarios));
    } else {
      // One value per occurrence: a repeated option is collected (and refused below unless the
      // table allows it) instead of swallowing the words after it.
      b.option = app.add_option(names, b.values, help_line(spec, scenarios))
                     ->expected(1)
                     ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
                     ->type_name(std::string(value_placeholder(spec)));
      if (!spec.default_text.empty()) b.option->default_str(std::string(spec.default_text));
    }
    b.option->group(shown ? std::string(group_title(spec.group)) : std::string());
  }
}

Settings OptionBinding::settings(std::span<const ScenarioInfo* const> chosen) const {
  Settings settings = default_settings();
  for (const Bound& b : bound_) {
    const OptionSpec& spec = *b.spec;
    if (b.option->count() == 0) continue;
    if (!spec.scenarios.empty() && !chosen.empty() && users(spec, chosen).empty()) {
      std::vector<std::string_view> mine;
      for (const ScenarioInfo* s : chosen) mine.push_back(s->name);
      const auto takers = scenario_words(spec.scenarios);
      throw UsageError(fmt::format("--{} is not an option of {}: only {} {} it", spec.name, one_of(mine),
                                   one_of(takers), takers.size() == 1 ? "takes" : "take"));
    }
    if (spec.kind == ValueKind::flag) {
      spec.store(true, settings);
      continue;
    }
    if (b.values.size() > 1 && !spec.repeatable)
      throw UsageError(fmt::format("--{} is given {} times ('{}'); give it once", spec.name, b.values.size(),
                                   fmt::join(b.values, "', '")));
    for (const std::string& value : b.values) spec.store(parse_option_value(spec, value), settings);
  }
  return settings;
}

bool OptionBinding::given(std::string_view name) const {
  return std::any_of(bound_.begin(), bound_.end(),
                     [&](const Bound& b) { return b.spec->name == name && b.option->count() > 0; });
}

void OptionBinding::show_default(std::string_view name, const std::string& text) { option(name).default_str(text); }

void OptionBinding::require(std::string_view name) { option(name).required(); }

CLI::Option& OptionBinding::option(std::string_view name) const {
  const auto it = std::find_if(bound_.begin(), bound_.end(), [&](const Bound& b) { return b.spec->name == name; });
  if (it == bound_.end()) throw std::logic_error(fmt::format("the command has no option --{}", name));
  return *it->option;
}

}  // namespace concur
