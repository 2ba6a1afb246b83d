// Text as a terminal shows it: how many columns it takes, how it is kept on one line and made
// harmless (a file name, an error text or Python's output may hold an escape sequence that would
// recolour or retitle the terminal), how it is padded and wrapped. Every human format lays its
// lines out with these, so a stray byte from outside can neither break a row nor reach the
// terminal raw.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace concur {

/// `text` on one line and safe to print: line breaks and tabs become spaces; other control
/// characters (C0, DEL, C1), the bidirectional overrides and bytes that are not UTF-8 become
/// visible escapes (\x1b, \u009b, \u202e, \xff). Everything from outside goes through here
/// before any human format prints it.
std::string single_line(std::string_view text);

/// Columns `text` takes on a terminal: one per code point, two for East Asian wide characters
/// (CJK, Hangul, fullwidth forms, emoji), none for combining marks.
std::size_t display_width(std::string_view text);

/// Greedy word wrap of `text` into lines of at most `width` columns (0: no limit); every line
/// is measured as if indented by `indent` columns, so callers can put a prefix or indent before it.
/// A word longer than a line (a long path) is cut between characters, so no line is wider.
std::vector<std::string> wrap_words(std::string_view text, std::size_t indent, int width);

/// The first characters of `text` that fit `width` columns (all of it when it fits).
std::string cut_to_width(std::string_view text, std::size_t width);

/// Which side of a cell the text sits on.
enum class Align {
  left,  ///< text first, padding after (names, prose)
  right  ///< padding first, so numbers line up on their last digit
};

/// `text` padded with spaces to `width` display columns (unchanged when already wider).
std::string pad(std::string_view text, std::size_t width, Align align = Align::left);

/// `prefix` then `text` wrapped to `width`, continuation lines hanging under the text; each line
/// ends with a newline ("takeaway: ...", "What it costs: ...").
std::string hanging_paragraph(std::string_view prefix, std::string_view text, int width);

}  // namespace concur
