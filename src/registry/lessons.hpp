// The lessons the tool exists to show (the table in README.md), each with the one command that shows it.
// `explain` lists and prints them; docs/lessons/ has a page per lesson with real output.
#pragma once

#include <span>
#include <string_view>

namespace concur {

/// One lesson: what to learn, and how to see it on this machine.
struct Lesson {
  std::string_view name;     ///< `explain` topic, and the docs page's file name
  std::string_view title;    ///< the lesson in a few words
  std::string_view text;     ///< the explanation, a paragraph
  std::string_view shows;    ///< where in the output to look
  std::string_view command;  ///< the command that demonstrates it
};

/// Every lesson, in teaching order.
std::span<const Lesson> lessons();

/// The lesson called `name`, or nullptr.
const Lesson* find_lesson(std::string_view name);

}  // namespace concur
