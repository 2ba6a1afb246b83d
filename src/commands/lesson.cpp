#include "commands/lesson.hpp"

#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "commands/delivery.hpp"
#include "commands/lesson_demo.hpp"
#include "core/counted.hpp"
#include "core/suggest.hpp"
#include "core/usage_error.hpp"
#include "measure/live_view.hpp"
#include "registry/lesson_cause.hpp"
#include "registry/lessons.hpp"
#include "report/glyphs.hpp"
#include "report/units.hpp"

namespace concur {
namespace {

struct LessonArgs {
  std::string name;
  bool all = false;
  bool check = false;
};

// What came of one lesson: its verdict, and the cause found when it did not show.
struct Outcome {
  LessonVerdict verdict;
  std::string cause;
};

// Everything the command prints goes to the terminal in its own character set.
void say(const std::string& text) { std::cout << in_charset(text, terminal_charset()) << std::flush; }

std::string glyph(Shown shown) {
  switch (shown) {
    case Shown::yes:
      return std::string(terminal_glyphs().check);
    case Shown::no:
      return std::string(terminal_glyphs().cross);
    case Shown::skipped:
      return std::string(terminal_glyphs().none);
  }
  return "?";
}

// The verdict as a sentence after its mark: what the numbers say and, when the lesson did not
// show, the numbers' own reason and what stood out on the machine.
std::string verdict_sentence(const Outcome& o) {
  const LessonVerdict& v = o.verdict;
  if (v.shown == Shown::yes) return v.what;
  if (v.shown == Shown::skipped) return v.why;
  std::string text = v.what.empty() ? v.why : v.why.empty() ? v.what : fmt::format("{}; {}", v.what, v.why);
  if (!o.cause.empty()) text += fmt::format(", because {}", o.cause);
  return text;
}

std::string_view verdict_label(Shown shown) {
  switch (shown) {
    case Shown::yes:
      return "shown on this machine: ";
    case Shown::no:
      return "not shown on this machine: ";
    case Shown::skipped:
      return "skipped on this machine: ";
  }
  return "";
}

void print_list() {
  std::size_t width = 0;
  for (const auto& l : lessons()) width = std::max(width, l.name.size());
  std::string text =
      "lessons (concur-demo lesson NAME runs one here and says whether it showed; lesson --all --check runs them "
      "all quickly)\n\n";
  for (const auto& l : lessons())
    text += fmt::format("  {:<{}}  {}\n  {:<{}}    $ {}\n", l.name, width, l.title, "", width, l.command);
  say(text);
}

// Runs one lesson (its demonstration, or its quick check) and judges it.
Outcome judge(const Lesson& lesson, unsigned cores, const DemoMode& mode) {
  std::string missing = missing_model(lesson);
  if (missing.empty() && !mode.show) missing = missing_cores(lesson, cores);
  if (!missing.empty()) return {.verdict = {.shown = Shown::skipped, .what = {}, .why = missing}, .cause = {}};
  const Report report = run_demo(mode.show ? lesson.command : lesson.check, cores, mode);
  Outcome outcome{.verdict = judge_here(lesson, report), .cause = {}};
  if (outcome.verdict.shown == Shown::no)
    outcome.cause =
        likely_cause(lesson, report, {.cores = static_cast<std::int64_t>(cores), .load_average = read_load_average()});
  return outcome;
}

// The demonstration is shown live when standard output is a terminal that can draw it.
bool live_here() { return live_refusal().empty(); }

int show_lesson(const Lesson& lesson, unsigned cores) {
  const int width = report_width(false);
  const Outcome outcome = judge(lesson, cores, {.show = true, .live = live_here()});
  // The paragraph is wrapped to the terminal, as the table is: a projector's 80 columns included.
  say(fmt::format("\n{} — {}\n\n{}\n", lesson.name, lesson.title,
                  hanging_paragraph("", single_line(lesson.text), width)));
  say(hanging_paragraph("Look at: ", lesson.shows, width) + '\n');
  say(hanging_paragraph(glyph(outcome.verdict.shown) + " " + std::string(verdict_label(outcome.verdict.shown)),
                        verdict_sentence(outcome), width));
  return outcome.verdict.shown == Shown::no ? 1 : 0;
}

int check_lessons(const std::vector<const Lesson*>& chosen, unsigned cores) {
  const int width = report_width(false);
  std::vector<std::string> not_shown, skipped;
  for (const Lesson* lesson : chosen) {
    Outcome outcome = judge(*lesson, cores, {.show = false, .live = false});
    // One run on a shared machine can lose its gain to a neighbour busy for those seconds: a
    // lesson not shown is measured once more, and the line says that it took a second run.
    if (outcome.verdict.shown == Shown::no) {
      const std::string first = verdict_sentence(outcome);
      outcome = judge(*lesson, cores, {.show = false, .live = false});
      if (outcome.verdict.shown == Shown::yes)
        outcome.verdict.what = fmt::format("{} (on a second run; the first: {})", outcome.verdict.what, first);
    }
    say(hanging_paragraph(fmt::format("{} {}: ", glyph(outcome.verdict.shown), lesson->name), verdict_sentence(outcome),
                          width));
    if (outcome.verdict.shown == Shown::no) not_shown.emplace_back(lesson->name);
    if (outcome.verdict.shown == Shown::skipped) skipped.emplace_back(lesson->name);
  }
  const std::size_t shown = chosen.size() - not_shown.size() - skipped.size();
  std::string summary =
      fmt::format("{} of {} shown on this machine", shown, counted(static_cast<std::int64_t>(chosen.size()), "lesson"));
  if (!not_shown.empty()) summary += fmt::format("; not shown: {}", fmt::join(not_shown, ", "));
  if (!skipped.empty()) summary += fmt::format("; skipped: {}", fmt::join(skipped, ", "));
  say(hanging_paragraph("", summary + ".", width));
  return not_shown.empty() ? 0 : 1;
}

std::vector<std::string_view> lesson_names() {
  std::vector<std::string_view> names;
  for (const auto& l : lessons()) names.push_back(l.name);
  return names;
}

Action lesson_action(const LessonArgs& args, unsigned cores) {
  if (!args.name.empty() && args.all) throw UsageError("give one lesson or --all, not both");
  if (args.check && args.name.empty() && !args.all)
    throw UsageError("--check needs a lesson or --all (concur-demo lesson lists them)");
  std::vector<const Lesson*> chosen;
  if (args.all)
    for (const auto& l : lessons()) chosen.push_back(&l);
  if (!args.name.empty()) {
    const Lesson* lesson = find_lesson(args.name);
    if (lesson == nullptr)
      throw UsageError(fmt::format("no lesson called '{}'{} (concur-demo lesson lists them)", args.name,
                                   did_you_mean(args.name, lesson_names())));
    chosen.push_back(lesson);
  }
  if (chosen.empty())
    return [] {
      print_list();
      return 0;
    };
  if (args.check) return [chosen, cores] { return check_lessons(chosen, cores); };
  return [chosen, cores] {
    int code = 0;
    for (const Lesson* lesson : chosen) code = std::max(code, show_lesson(*lesson, cores));
    return code;
  };
}

}  // namespace

void add_lesson_command(CommandLine& line, Action& action, unsigned cores) {
  Command sub = line.add("lesson", "run a lesson here and say whether it showed; alone: the lessons");
  auto args = std::make_shared<LessonArgs>();
  const std::function<bool()> given =
      sub.positional({.name = "name", .help = "the lesson to run", .type_name = "<LESSON>"}, args->name);
  sub.flag("--all", args->all, "every lesson, one after another");
  sub.flag("--check", args->check, "quick (small sizes), one verdict line per lesson; exit 0 only if all showed");
  sub.footer(
      "Examples:\n  concur-demo lesson\n  concur-demo lesson waiting-overlaps\n  concur-demo lesson --all --check");
  sub.on_chosen([&action, args, given, cores] {
    if (given() && args->name.empty())
      throw UsageError("invalid lesson '': the value is empty (concur-demo lesson lists them)");
    action = lesson_action(*args, cores);
  });
}

}  // namespace concur
