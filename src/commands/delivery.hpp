// Where a finished report goes: standard output (coloured only on a terminal that wants it) or
// the -o file, written atomically. Shared by every command that reports.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "report/reporter.hpp"

namespace concur {

/// Whether a report in `format` should carry ANSI colour: a terminal format, not for a -o
/// file, NO_COLOR unset or empty (no-color.org), and either CLICOLOR_FORCE set to anything but
/// "0" or standard output a terminal whose TERM is not "dumb".
bool wants_color(Format format, bool to_file);

/// Columns for timelines and wrapped lines: the terminal's when the report goes to one, else 100.
int report_width(bool to_file);

/// Whether `output` (the -o value) sends the report to a file rather than standard output
/// (unset, or "-").
bool writes_to_file(const std::optional<std::string>& output);

/// Writes `content` to the file `path` named by `option` (write_file_atomically); a failure is
/// one line naming the option and the path.
void write_output(std::string_view option, const std::string& path, std::string_view content);

/// Writes `text` to `output` atomically (temp file + rename), or to standard output.
void deliver(const std::string& text, const std::optional<std::string>& output);

}  // namespace concur
