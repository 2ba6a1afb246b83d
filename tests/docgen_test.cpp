// The description the man page and the completions are written from: it must be the tool's
// own command line (every command, every option of the table, every model, scenario and lesson
// of the registry), and the roff it becomes must print literally. The real shells and groff
// drive the generated files in tests/shell/.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "cli/command_line_doc.hpp"
#include "cli/completions.hpp"
#include "cli/man_page.hpp"
#include "cli/roff.hpp"
#include "options/option_table.hpp"
#include "options/vary.hpp"
#include "registry/lessons.hpp"
#include "registry/registry.hpp"

namespace concur::test {
namespace {

bool contains(const std::vector<std::string>& words, std::string_view word) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

const CommandDoc* command_named(const CommandLineDoc& doc, std::string_view name) {
  const auto it =
      std::find_if(doc.commands.begin(), doc.commands.end(), [&](const CommandDoc& c) { return c.name == name; });
  return it == doc.commands.end() ? nullptr : &*it;
}

const ArgumentDoc* option_named(const CommandDoc& command, std::string_view name) {
  const auto it = std::find_if(command.options.begin(), command.options.end(),
                               [&](const ArgumentDoc& o) { return o.name == name; });
  return it == command.options.end() ? nullptr : &*it;
}

TEST(CommandLineDoc, HasEveryCommandAndTheVersion) {
  const CommandLineDoc doc = describe_command_line();
  EXPECT_EQ(doc.program, "concur-demo");
  EXPECT_EQ(doc.version, CONCUR_VERSION);
  for (const char* name : {"io", "cpu", "all", "sweep", "count", "list", "explain"})
    EXPECT_NE(command_named(doc, name), nullptr) << name;
  for (const ScenarioInfo& s : scenarios())
    EXPECT_EQ(command_named(doc, s.name) != nullptr, !s.hidden || s.name == "count") << s.name;
}

TEST(CommandLineDoc, EveryOptionOfTheTableReachesTheCommandsItNames) {
  const CommandLineDoc doc = describe_command_line();
  for (const OptionSpec& spec : option_table()) {
    const char* command = (spec.commands & kSweepCommand) != 0   ? "sweep"
                          : (spec.commands & kCountCommand) != 0 ? "count"
                                                                 : "all";
    const CommandDoc* c = command_named(doc, command);
    ASSERT_NE(c, nullptr);
    const ArgumentDoc* o = option_named(*c, spec.name);
    ASSERT_NE(o, nullptr) << spec.name << " is not an option of " << command;
    EXPECT_TRUE(contains(o->flags, "--" + std::string(spec.name))) << spec.name;
    if (spec.short_name != 0) {
      EXPECT_TRUE(contains(o->flags, std::string{'-', spec.short_name})) << spec.name;
    }
    EXPECT_EQ(o->value, value_placeholder(spec)) << spec.name;
    if (spec.scenarios.empty()) {
      EXPECT_EQ(o->default_text, spec.default_text) << spec.name;
    }
  }
}

TEST(CommandLineDoc, ACommandListsOnlyTheOptionsOfItsScenarios) {
  const CommandLineDoc doc = describe_command_line();
  const CommandDoc* sleep = command_named(doc, "sleep");
  ASSERT_NE(sleep, nullptr);
  EXPECT_NE(option_named(*sleep, "delay"), nullptr);
  EXPECT_EQ(option_named(*sleep, "size"), nullptr);  // files only: bound hidden, so not offered
  EXPECT_EQ(option_named(*sleep, "vary"), nullptr);
}

TEST(CommandLineDoc, ValuesCompleteToTheRegistrysWords) {
  const CommandLineDoc doc = describe_command_line();
  const CommandDoc* sweep = command_named(doc, "sweep");
  ASSERT_NE(sweep, nullptr);
  const ArgumentDoc* model = option_named(*sweep, "model");
  ASSERT_NE(model, nullptr);
  EXPECT_EQ(model->completion, ValueCompletion::word_list);
  for (const ModelInfo& m : models()) EXPECT_TRUE(contains(model->words, m.name)) << m.name;
  EXPECT_TRUE(contains(model->words, "all"));
  EXPECT_TRUE(contains(model->words, "py"));

  const ArgumentDoc* vary = option_named(*sweep, "vary");
  ASSERT_NE(vary, nullptr);
  EXPECT_EQ(vary->completion, ValueCompletion::keys);
  for (const ScenarioInfo& s : scenarios()) {
    if (s.hidden) continue;
    for (const std::string& key : sweep_keys(s)) EXPECT_TRUE(contains(vary->words, key + "=")) << key;
  }

  ASSERT_EQ(sweep->positionals.size(), 1U);
  for (const ScenarioInfo& s : scenarios())
    EXPECT_EQ(contains(sweep->positionals[0].words, s.name), !s.hidden) << s.name;

  const CommandDoc* explain = command_named(doc, "explain");
  ASSERT_NE(explain, nullptr);
  ASSERT_EQ(explain->positionals.size(), 1U);
  for (const Lesson& l : lessons()) EXPECT_TRUE(contains(explain->positionals[0].words, l.name)) << l.name;

  const ArgumentDoc* output = option_named(*sweep, "output");
  ASSERT_NE(output, nullptr);
  EXPECT_EQ(output->completion, ValueCompletion::file);
  const ArgumentDoc* format = option_named(*sweep, "format");
  ASSERT_NE(format, nullptr);
  EXPECT_EQ(format->completion, ValueCompletion::words);
  EXPECT_TRUE(contains(format->words, "json"));
}

TEST(RoffEscape, PrintsLiterally) {
  EXPECT_EQ(roff_escape("--model"), "\\-\\-model");
  EXPECT_EQ(roff_escape(".hidden"), "\\&.hidden");
  EXPECT_EQ(roff_escape("'quote"), "\\&'quote");
  EXPECT_EQ(roff_escape("a.b"), "a.b");
  EXPECT_EQ(roff_escape("C:\\dir"), "C:\\edir");
  EXPECT_EQ(roff_escape("a — b"), "a \\(em b");
  EXPECT_EQ(roff_escape("1.5×"), "1.5\\(mu");
  EXPECT_EQ(roff_escape("café"), "caf\\[u00E9]");
}

TEST(ManPage, NamesEveryOptionModelAndLessonInASCII) {
  const std::string page = man_page(describe_command_line());
  EXPECT_NE(page.find(".TH CONCUR\\-DEMO 1"), std::string::npos);
  for (const OptionSpec& spec : option_table())
    EXPECT_NE(page.find(roff_escape("--" + std::string(spec.name))), std::string::npos) << spec.name;
  for (const ModelInfo& m : models()) EXPECT_NE(page.find(roff_escape(m.name)), std::string::npos) << m.name;
  for (const Lesson& l : lessons()) EXPECT_NE(page.find(roff_escape(l.name)), std::string::npos) << l.name;
  EXPECT_TRUE(std::all_of(page.begin(), page.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80U; }))
      << "every non-ASCII character is written as a groff glyph";
}

TEST(Completions, NameEveryCommandForEachShell) {
  const CommandLineDoc doc = describe_command_line();
  const std::string bash = bash_completion(doc);
  const std::string zsh = zsh_completion(doc);
  const std::string fish = fish_completion(doc);
  EXPECT_NE(bash.find("complete -F _concur_demo concur-demo"), std::string::npos);
  EXPECT_TRUE(zsh.starts_with("#compdef concur-demo\n"));
  EXPECT_NE(fish.find("complete -c concur-demo"), std::string::npos);
  for (const CommandDoc& c : doc.commands) {
    EXPECT_NE(bash.find("    " + c.name + ")\n"), std::string::npos) << c.name;
    EXPECT_NE(zsh.find("'" + c.name + ":"), std::string::npos) << c.name;
    EXPECT_NE(fish.find("__concur_demo_using " + c.name + "'"), std::string::npos) << c.name;
  }
}

TEST(ShellQuote, SurvivesAQuote) {
  EXPECT_EQ(shell_quote("plain"), "'plain'");
  EXPECT_EQ(shell_quote("the scenario's own"), "'the scenario'\\''s own'");
}

}  // namespace
}  // namespace concur::test
