// The lessons the tool exists to show (the table in README.md), each with the one command that shows it
// and a judge that reads the measurement and says whether the lesson showed. `concur-demo lesson`
// runs them and prints the verdicts; `explain` prints them; docs/lessons/ is captured from `lesson`.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/results.hpp"

namespace concur {

/// Whether a lesson showed on this machine.
enum class Shown {
  yes,      ///< the numbers show what the lesson says
  no,       ///< they do not
  skipped,  ///< not run: this machine lacks what the lesson needs (cores, python3)
};

/// What a lesson's judge read in a measurement.
struct LessonVerdict {
  Shown shown = Shown::no;  ///< the verdict
  std::string what;         ///< what the numbers say: "async finished 100 waits in 1.01 delays on 1 thread"
  std::string why;          ///< when not shown, the reason the numbers themselves give (may be empty)
};

/// One lesson: what to learn, how to see it on this machine, and how to tell that it showed.
struct Lesson {
  std::string_view name;     ///< `lesson` and `explain` topic, and the docs page's file name
  std::string_view title;    ///< the lesson in a few words
  std::string_view text;     ///< the explanation, a paragraph
  std::string_view shows;    ///< where in the output to look
  std::string_view command;  ///< the command that demonstrates it
  std::string_view check;    ///< the same demonstration, small and quick, for `lesson --check`
  /// Reads the measurement of `command` (or `check`) and says whether the lesson showed.
  LessonVerdict (*judge)(const Report& report);
  std::int64_t min_cores = 1;      ///< below this many cores it cannot show (parallel speedups)
  std::string_view needs_model{};  ///< a model it needs; that model's `unavailable` says why not here
};

/// Every lesson, in teaching order.
std::span<const Lesson> lessons();

/// The lesson called `name`, or nullptr.
const Lesson* find_lesson(std::string_view name);

}  // namespace concur
