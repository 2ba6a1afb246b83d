// The concrete reporters, one per file (the sweep's pivoted table and markdown share
// sweep_report.cpp); only the list in reporter.cpp names them, so adding a format is one file
// plus one line there.
#pragma once

#include <memory>

#include "report/reporter.hpp"

namespace concur {

/// Column-aligned terminal table, the default format (colour when options ask for it).
std::unique_ptr<Reporter> make_table_reporter(const RenderOptions& options);

/// GitHub-flavoured markdown: one heading, pipe table and takeaway per scenario.
std::unique_ptr<Reporter> make_markdown_reporter(const RenderOptions& options);

/// RFC 4180 CSV: one row per scenario and model, parameters as extra columns.
std::unique_ptr<Reporter> make_csv_reporter(const RenderOptions& options);

/// The JSON document described in docs/json.md.
std::unique_ptr<Reporter> make_json_reporter(const RenderOptions& options);

/// A sweep as one table (rows = the varied values, columns = models) with a terminal chart under it.
std::unique_ptr<Reporter> make_sweep_table_reporter(const RenderOptions& options);

/// A sweep as one markdown pipe table with the chart in a code block.
std::unique_ptr<Reporter> make_sweep_markdown_reporter(const RenderOptions& options);

}  // namespace concur
