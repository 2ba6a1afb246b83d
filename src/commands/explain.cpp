#include "commands/explain.hpp"

#include <algorithm>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <CLI/CLI.hpp>

#include "core/suggest.hpp"
#include "core/usage_error.hpp"
#include "registry/lessons.hpp"
#include "registry/registry.hpp"
#include "report/units.hpp"

namespace concur {
namespace {

constexpr int kWidth = 100;

void print_labelled(std::ostream& out, std::string_view label, std::string_view text) {
  out << hanging_paragraph(fmt::format("{}: ", label), text, kWidth);
}

void print_lessons(std::ostream& out) {
  std::size_t width = 0;
  for (const auto& l : lessons()) width = std::max(width, l.name.size());
  fmt::print(out,
             "lessons (concur-demo explain <lesson>; also explain <model> or <scenario>, see concur-demo list)\n\n");
  for (const auto& l : lessons())
    fmt::print(out, "  {:<{}}  {}\n  {:<{}}    $ {}\n", l.name, width, l.title, "", width, l.command);
}

void print_model(const ModelInfo& m, std::ostream& out) {
  fmt::print(out, "{} — {}\n\n{}\n", m.name, m.blurb, m.lesson);
  out << '\n';
  if (!m.guide.cost.empty()) print_labelled(out, "What it costs", m.guide.cost);
  if (!m.guide.use_when.empty()) print_labelled(out, "When to use it", m.guide.use_when);
  if (m.kind == ModelKind::reference)
    print_labelled(out, "Note",
                   "not part of --model all: ask for it by name, or --model py for every Python row; "
                   "it needs python3 on the PATH and is skipped without it.");
  if (m.kind == ModelKind::variant)
    print_labelled(out, "Note",
                   fmt::format("not part of --model all: ask for it by name; its row comes with a "
                               "{} row to compare with.",
                               m.baseline));
  if (m.kind == ModelKind::distributed)
    print_labelled(out, "Note",
                   "not part of --model all (its launch would dominate the classroom default): ask for it by name. It "
                   "needs Open MPI (openmpi-bin) and a build with libopenmpi-dev, and is skipped without them; "
                   "concur-demo explain distribution-costs has the lesson and running it across machines.");
  if (!m.guide.demo.empty()) fmt::print(out, "\nSee it: {}\n", m.guide.demo);
}

void print_scenario(const ScenarioInfo& s, std::ostream& out) {
  // A hidden scenario (count) is its own command, which draws no timeline.
  fmt::print(out, "{} — {}\n\n{}\n\nSee it: concur-demo {}{}\n", s.name, s.blurb, s.lesson, s.name,
             s.hidden ? "" : " --timeline");
}

void print_lesson(const Lesson& l, std::ostream& out) {
  fmt::print(out, "{} — {}\n\n{}\n\n", l.name, l.title, l.text);
  print_labelled(out, "Look at", l.shows);
  fmt::print(out, "\nSee it: {}\n", l.command);
}

}  // namespace

bool explain_knows(std::string_view topic) {
  return find_model(topic) != nullptr || find_scenario(topic) != nullptr || find_lesson(topic) != nullptr;
}

void print_explain(std::string_view topic, std::ostream& out) {
  if (topic.empty()) return print_lessons(out);
  if (const auto* m = find_model(topic)) return print_model(*m, out);
  if (const auto* s = find_scenario(topic)) return print_scenario(*s, out);
  if (const auto* l = find_lesson(topic)) return print_lesson(*l, out);
}

namespace {

// Every topic explain knows, for the "did you mean" of a typo.
std::vector<std::string_view> topics() {
  std::vector<std::string_view> names;
  for (const auto& m : models()) names.push_back(m.name);
  for (const auto& s : scenarios()) names.push_back(s.name);
  for (const auto& l : lessons()) names.push_back(l.name);
  return names;
}

}  // namespace

void add_explain_command(CLI::App& app, Action& action, unsigned /*cores*/) {
  CLI::App* sub = app.add_subcommand("explain", "what a model, scenario or lesson teaches; alone: the lessons");
  auto topic = std::make_shared<std::string>();
  CLI::Option* given = sub->add_option("topic", *topic, "a model, a scenario or a lesson")->type_name("<TOPIC>");
  sub->footer("Examples:\n  concur-demo explain async\n  concur-demo explain concurrency-not-parallelism");
  sub->callback([&action, topic, given] {
    if (given->count() > 0 && topic->empty())
      throw UsageError("invalid topic '': the value is empty (concur-demo explain lists the lessons)");
    if (!topic->empty() && !explain_knows(*topic))
      throw UsageError(
          fmt::format("nothing to explain about '{}'{} (concur-demo explain lists the lessons; "
                      "concur-demo list the models and scenarios)",
                      *topic, did_you_mean(*topic, topics())));
    action = [topic] {
      print_explain(*topic, std::cout);
      return 0;
    };
  });
}

}  // namespace concur
