#include "commands/explain.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ostream.h>

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
  if (!m.guide.demo.empty()) fmt::print(out, "\nSee it: {}\n", m.guide.demo);
}

void print_scenario(const ScenarioInfo& s, std::ostream& out) {
  fmt::print(out, "{} — {}\n\n{}\n\nSee it: concur-demo {} --timeline\n", s.name, s.blurb, s.lesson, s.name);
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

}  // namespace concur
