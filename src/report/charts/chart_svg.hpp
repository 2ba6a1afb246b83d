// The sweep chart as a standalone SVG line chart for slides: title with the machine header,
// axes with units (log scale where the data span a wide range), one line per model, legend.
#pragma once

#include <string>

#include "core/results.hpp"

namespace concur {

/// The SVG document for a sweep report (report.sweep set). Without a single verified point it
/// is still a valid document that says so.
std::string svg_chart(const Report& report);

}  // namespace concur
