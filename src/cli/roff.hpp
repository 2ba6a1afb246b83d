// Text as roff (the man macros) prints it: escaped, and set in bold or italics.
#pragma once

#include <string>
#include <string_view>

namespace concur {

/// `text` as roff prints it literally: backslashes and hyphen-minus escaped, a leading control
/// character neutralised, and every non-ASCII character as a glyph every groff device has (or,
/// for a character without one, \[uXXXX]).
std::string roff_escape(std::string_view text);

/// `text` escaped as one line of running text (its newlines become spaces), ending in a newline.
std::string roff_line(std::string_view text);

/// `text` escaped, in bold (\fB…\fR): inline, so a placeholder can follow on the same line.
std::string roff_bold(std::string_view text);

/// `text` escaped, in italics (\fI…\fR).
std::string roff_italic(std::string_view text);

/// A value placeholder as man pages write it: "<N>" becomes N in italics.
std::string roff_placeholder(std::string_view value);

}  // namespace concur
