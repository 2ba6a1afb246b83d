// How `compare` shows its reports side by side, in every format the other commands write: a
// terminal table, markdown, CSV, JSON, and an HTML page. One group per scenario and setting, one
// line per model, one column per report (A, B, … keyed to each report's machine header), each
// cell with its ratio to A and ≈ where it is within the runs' noise.
#pragma once

#include <string>
#include <string_view>

#include "analysis/comparison.hpp"
#include "report/reporter.hpp"

namespace concur {

/// The comparison in `format` (table for a terminal, markdown, csv, json).
std::string render_comparison(const Comparison& comparison, Format format, const RenderOptions& options);

/// The comparison for scripts: `format` csv (one record per row and report) or json (docs/json.md).
std::string comparison_data(const Comparison& comparison, Format format);

/// The comparison as one self-contained HTML page; `command_line` is the compare command itself.
std::string comparison_html(const Comparison& comparison, std::string_view title, std::string_view command_line);

/// "A", "B", … "Z", "AA": the column letter of report `index`.
std::string report_letter(std::size_t index);

/// "2 cores · AMD EPYC · Linux 6.1": the part of a machine header that tells machines apart.
std::string machine_label(const MachineInfo& machine);

/// A cell as the text formats show it: "101.2 ms", then for later reports "1.01× ≈"; "✗" for a
/// failed row, "–" where the report lacks it; with the workers when they differ along the row.
std::string cell_text(const ComparedRow& row, std::size_t index);

/// The sentence explaining the ratio and the ≈ flag.
std::string comparison_legend(const Comparison& comparison);

}  // namespace concur
