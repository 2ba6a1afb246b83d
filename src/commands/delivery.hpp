// Where a finished report goes: standard output (coloured only on a terminal that wants it) or
// the -o file, written atomically; and how wide it may be. Shared by every command that reports.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "options/settings.hpp"
#include "report/reporter.hpp"

namespace concur {

/// Whether a report in `format` should carry ANSI colour: a terminal format, not for a -o
/// file, NO_COLOR unset or empty (no-color.org), and either CLICOLOR_FORCE set to anything but
/// "0" or standard output a terminal whose TERM is not "dumb".
bool wants_color(Format format, bool to_file);

/// The width output must fit: COLUMNS when it is set to a number, else the terminal's when
/// standard output is one and `to_file` is false; nullopt for a file or a pipe without COLUMNS
/// (nothing to fit: the table keeps every column). Never below kNarrowestWidth.
std::optional<int> fit_width(bool to_file);

/// Columns for wrapped lines: fit_width, else 100.
int report_width(bool to_file);

/// Whether `output` (the -o value) sends the report to a file rather than standard output
/// (unset, or "-").
bool writes_to_file(const std::optional<std::string>& output);

/// Writes `content` to the file `path` named by `option` (write_file_atomically); a failure is
/// one line naming the option and the path.
void write_output(std::string_view option, const std::string& path, std::string_view content);

/// Narrowest width a report is laid out for: model, wall, speedup and ok in one line.
inline constexpr int kNarrowestWidth = 40;

/// How a report in `output`'s format is rendered: colour, width, character set, --wide, -v.
RenderOptions render_options(const OutputSettings& output);

/// Writes `text` to `output` atomically (temp file + rename), or to standard output.
void deliver(const std::string& text, const std::optional<std::string>& output);

}  // namespace concur
