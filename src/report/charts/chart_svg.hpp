// The sweep chart as an SVG line chart for slides: title, what was held fixed and the machine,
// axes over the data's range with units (log scale where the data span more than a decade), one
// line per model with min–max whiskers, markers set side by side where points coincide, legend.
// Text is at least 18 px at the default size, so it reads from the back of a classroom.
#pragma once

#include <string>

#include "core/results.hpp"
#include "report/charts/svg.hpp"

namespace concur {

/// The SVG picture of a sweep report (report.sweep set). Without a single verified point it is
/// still a valid picture that says so.
std::string svg_chart(const Report& report, const PictureOptions& options = {});

}  // namespace concur
