#include "commands/explain.hpp"

#include <algorithm>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "commands/delivery.hpp"
#include "core/suggest.hpp"
#include "core/usage_error.hpp"
#include "registry/lessons.hpp"
#include "registry/registry.hpp"
#include "report/glyphs.hpp"
#include "report/terminal_text.hpp"

namespace concur {
namespace {

// How explain writes to this terminal: wrapped to its width (or 100 when it is not one), drawn
// in its character set.
struct Page {
  int width;
  Charset charset;

  [[nodiscard]] std::string shown(std::string_view text) const { return in_charset(single_line(text), charset); }

  // "What it costs: …", continuation lines under the text.
  [[nodiscard]] std::string labelled(std::string_view label, std::string_view text) const {
    return hanging_paragraph(fmt::format("{}: ", label), shown(text), width);
  }

  // A teaching text, written with line breaks for the source file: each paragraph (a blank line
  // apart) rewrapped to this terminal.
  [[nodiscard]] std::string paragraphs(std::string_view text) const {
    std::string out;
    while (!text.empty()) {
      const auto blank = text.find("\n\n");
      // Appended piece by piece: g++ 12 warns falsely (-Wrestrict) of "\n" + a temporary string.
      if (!out.empty()) out += '\n';
      out += hanging_paragraph("", shown(text.substr(0, blank)), width);
      text = blank == std::string_view::npos ? std::string_view() : text.substr(blank + 2);
    }
    return out;
  }
};

Page this_page() { return Page{.width = report_width(false), .charset = terminal_charset()}; }

void print_lessons(std::ostream& out, const Page& page) {
  std::size_t width = 0;
  for (const auto& l : lessons()) width = std::max(width, l.name.size());
  out << page.paragraphs(
             "lessons (concur-demo explain <lesson>; also explain <model> or <scenario>, see concur-demo list)")
      << '\n';
  for (const auto& l : lessons()) {
    out << hanging_paragraph(fmt::format("  {:<{}}  ", l.name, width), page.shown(l.title), page.width);
    out << hanging_paragraph("    $ ", page.shown(l.command), page.width);
  }
}

void print_model(const ModelInfo& m, std::ostream& out, const Page& page) {
  out << page.paragraphs(fmt::format("{} — {}", m.name, m.blurb)) << '\n' << page.paragraphs(m.lesson) << '\n';
  if (!m.guide.cost.empty()) out << page.labelled("What it costs", m.guide.cost);
  if (!m.guide.use_when.empty()) out << page.labelled("When to use it", m.guide.use_when);
  if (m.kind == ModelKind::reference)
    out << page.labelled("Note",
                         "not part of --model all: ask for it by name, or --model py for every Python row; "
                         "it needs python3 on the PATH and is skipped without it.");
  if (m.kind == ModelKind::variant)
    out << page.labelled("Note", fmt::format("not part of --model all: ask for it by name; its row comes with a "
                                             "{} row to compare with.",
                                             m.baseline));
  if (m.kind == ModelKind::distributed)
    out << page.labelled(
        "Note",
        "not part of --model all (its launch would dominate the classroom default): ask for it by name. "
        "It needs Open MPI (openmpi-bin) and a build with libopenmpi-dev, and is skipped without them; "
        "concur-demo explain distribution-costs has the lesson and running it across machines.");
  if (!m.guide.demo.empty()) out << '\n' << page.labelled("See it", m.guide.demo);
}

void print_scenario(const ScenarioInfo& s, std::ostream& out, const Page& page) {
  // A hidden scenario (count) is its own command, which draws no timeline.
  out << page.paragraphs(fmt::format("{} — {}", s.name, s.blurb)) << '\n'
      << page.paragraphs(s.lesson) << '\n'
      << page.labelled("See it", fmt::format("concur-demo {}{}", s.name, s.hidden ? "" : " --timeline"));
}

void print_lesson(const Lesson& l, std::ostream& out, const Page& page) {
  out << page.paragraphs(fmt::format("{} — {}", l.name, l.title)) << '\n' << page.paragraphs(l.text) << '\n';
  out << page.labelled("Look at", l.shows) << '\n' << page.labelled("See it", l.command);
}

}  // namespace

bool explain_knows(std::string_view topic) {
  return find_model(topic) != nullptr || find_scenario(topic) != nullptr || find_lesson(topic) != nullptr;
}

void print_explain(std::string_view topic, std::ostream& out) {
  const Page page = this_page();
  if (topic.empty()) return print_lessons(out, page);
  if (const auto* m = find_model(topic)) return print_model(*m, out, page);
  if (const auto* s = find_scenario(topic)) return print_scenario(*s, out, page);
  if (const auto* l = find_lesson(topic)) return print_lesson(*l, out, page);
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

void add_explain_command(CommandLine& line, Action& action, unsigned /*cores*/) {
  Command sub = line.add("explain", "what a model, scenario or lesson teaches; alone: the lessons");
  auto topic = std::make_shared<std::string>();
  const std::function<bool()> given =
      sub.positional({.name = "topic", .help = "a model, a scenario or a lesson", .type_name = "<TOPIC>"}, *topic);
  sub.footer("Examples:\n  concur-demo explain async\n  concur-demo explain concurrency-not-parallelism");
  sub.on_chosen([&action, topic, given] {
    if (given() && topic->empty())
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
