// How a sweep is reported. Table and markdown pivot the blocks into one table (rows = the
// varied values, columns = models, cells = the chosen metric) with the chart under it; csv and
// json are the ordinary formats, which carry the sweep's key and each block's value.
#pragma once

#include <memory>
#include <string_view>

#include "report/reporter.hpp"

namespace concur {

/// The reporter for a sweep report in `format` (one of report_formats()), or nullptr if unknown.
std::unique_ptr<Reporter> make_sweep_reporter(std::string_view format, const RenderOptions& options);

}  // namespace concur
