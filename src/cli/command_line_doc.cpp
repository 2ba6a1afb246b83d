#include "cli/command_line_doc.hpp"

#include <algorithm>
#include <memory>
#include <string_view>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "cli/app.hpp"
#include "options/option_table.hpp"
#include "options/vary.hpp"
#include "registry/lessons.hpp"
#include "registry/registry.hpp"

namespace concur {
namespace {

void add_unique(std::vector<std::string>& words, std::string_view word) {
  if (std::find(words.begin(), words.end(), word) == words.end()) words.emplace_back(word);
}

// What --model accepts: every model by name, and the two group words model selection knows.
std::vector<std::string> model_words() {
  std::vector<std::string> words;
  for (const ModelInfo& m : models()) add_unique(words, m.name);
  add_unique(words, "all");
  add_unique(words, "py");
  return words;
}

// The scenarios a command can be told to run by name (sweep's argument): the hidden count demo
// has its own command.
std::vector<std::string> shown_scenarios() {
  std::vector<std::string> words;
  for (const ScenarioInfo& s : scenarios())
    if (!s.hidden) add_unique(words, s.name);
  return words;
}

// Everything explain knows about.
std::vector<std::string> explain_topics() {
  std::vector<std::string> words;
  for (const ModelInfo& m : models()) add_unique(words, m.name);
  for (const ScenarioInfo& s : scenarios()) add_unique(words, s.name);
  for (const Lesson& l : lessons()) add_unique(words, l.name);
  return words;
}

// The keys `sweep --vary` takes, over every scenario a sweep can run.
std::vector<std::string> vary_keys() {
  std::vector<std::string> words;
  for (const ScenarioInfo& s : scenarios())
    if (!s.hidden)
      for (const std::string& key : sweep_keys(s)) add_unique(words, key + "=");
  return words;
}

std::vector<std::string> split_words(std::string_view list) {
  std::vector<std::string> words;
  while (!list.empty()) {
    const auto space = list.find(' ');
    words.emplace_back(list.substr(0, space));
    list = space == std::string_view::npos ? std::string_view() : list.substr(space + 1);
  }
  return words;
}

// The value side of an option of the table: what it completes to and the range it accepts.
void complete_from_table(const OptionSpec& spec, ArgumentDoc& doc) {
  doc.scenarios = split_words(spec.scenarios);
  doc.summary = spec.help;
  switch (spec.kind) {
    case ValueKind::flag:
      doc.completion = ValueCompletion::none;
      return;
    case ValueKind::count:
      doc.range = fmt::format("{} to {}", spec.min, spec.max);
      doc.completion = ValueCompletion::free;
      return;
    case ValueKind::duration:
    case ValueKind::size:
      doc.completion = ValueCompletion::free;
      return;
    case ValueKind::output_file:
    case ValueKind::input_file:
      doc.completion = ValueCompletion::file;
      return;
    case ValueKind::dir:
      doc.completion = ValueCompletion::directory;
      return;
    case ValueKind::models:
      doc.completion = ValueCompletion::word_list;
      doc.words = model_words();
      return;
    case ValueKind::choice:
      doc.completion = ValueCompletion::words;
      for (const std::string_view w : spec.choices()) doc.words.emplace_back(w);
      return;
    case ValueKind::text:
      // --vary is the one free-text option, and its text starts with a key the table knows.
      if (spec.name == "vary") {
        doc.completion = ValueCompletion::keys;
        doc.words = vary_keys();
      } else {
        doc.completion = ValueCompletion::free;
      }
      return;
  }
}

// A positional argument's words, by the placeholder its command gave it.
void complete_positional(ArgumentDoc& doc) {
  doc.completion = ValueCompletion::free;
  if (doc.value == "<SCENARIO>") doc.words = shown_scenarios();
  if (doc.value == "<TOPIC>") doc.words = explain_topics();
  if (!doc.words.empty()) doc.completion = ValueCompletion::words;
}

ArgumentDoc describe(const CLI::Option& option) {
  ArgumentDoc doc;
  for (const std::string& s : option.get_snames()) doc.flags.push_back("-" + s);
  for (const std::string& l : option.get_lnames()) doc.flags.push_back("--" + l);
  doc.name = option.nonpositional()
                 ? (option.get_lnames().empty() ? option.get_snames().front() : option.get_lnames().front())
                 : option.get_name();
  const bool takes_value = option.get_type_size_max() > 0;
  doc.value = takes_value ? option.get_type_name() : std::string();
  doc.help = option.get_description();
  doc.summary = doc.help;
  doc.default_text = option.get_default_str();
  doc.group = option.get_group();
  doc.required = option.get_required();
  if (!option.nonpositional()) {
    complete_positional(doc);
  } else if (const OptionSpec* spec = find_option(doc.name)) {
    complete_from_table(*spec, doc);
  } else {
    doc.completion = takes_value ? ValueCompletion::free : ValueCompletion::none;
  }
  return doc;
}

// The options --help lists (a hidden option has no group: it is only there to be refused
// clearly), in the order it lists them.
void read_options(const CLI::App& app, std::vector<ArgumentDoc>& options, std::vector<ArgumentDoc>* positionals) {
  for (const CLI::Option* option : app.get_options()) {
    if (option->nonpositional() && option->get_group().empty()) continue;
    if (!option->nonpositional()) {
      if (positionals != nullptr) positionals->push_back(describe(*option));
      continue;
    }
    options.push_back(describe(*option));
  }
}

}  // namespace

CommandLineDoc describe_command_line() {
  Action action;
  // The number of cores only sets what a command's action would use: nothing runs here.
  const std::unique_ptr<CLI::App> app = make_app(action, 1);
  CommandLineDoc doc{.program = app->get_name(),
                     .summary = app->get_description(),
                     .version = CONCUR_VERSION,
                     .footer = app->get_footer(),
                     .options = {},
                     .commands = {}};
  read_options(*app, doc.options, nullptr);
  for (const CLI::App* sub : app->get_subcommands([](const CLI::App* s) { return !s->get_group().empty(); })) {
    CommandDoc& command = doc.commands.emplace_back(CommandDoc{.name = sub->get_name(),
                                                               .summary = sub->get_description(),
                                                               .footer = sub->get_footer(),
                                                               .options = {},
                                                               .positionals = {}});
    read_options(*sub, command.options, &command.positionals);
  }
  return doc;
}

}  // namespace concur
