// Where a finished report goes: standard output (coloured only on a terminal that wants it) or
// the -o file, written atomically. Shared by every command that reports.
#pragma once

#include <optional>
#include <string>

#include "report/reporter.hpp"

namespace concur {

/// Whether a report in `format` should carry ANSI colour: a terminal format, standard output is
/// a terminal, no -o file, NO_COLOR unset and TERM not "dumb".
bool wants_color(Format format, bool to_file);

/// Columns for timelines and wrapped lines: the terminal's when the report goes to one, else 100.
int report_width(bool to_file);

/// Writes `text` to `output` atomically (temp file + rename), or to standard output.
void deliver(const std::string& text, const std::optional<std::string>& output);

}  // namespace concur
