// The timelines of a run as one SVG for slides (--timeline-svg, or --svg for any run but a
// sweep): the title, the machine, the legend once, then per scenario each row's median run on one
// time axis shared by the scenario's rows, so a slow model is visibly longer than a fast one.
#pragma once

#include <string>

#include "core/results.hpp"
#include "report/charts/svg.hpp"

namespace concur {

/// The SVG document of every row's timeline in `report`; rows without task records are left out,
/// and a report with none at all is still a valid picture that says so.
std::string timeline_svg(const Report& report, const PictureOptions& options = {});

/// "sleep · 20 tasks · delay 100 ms": a scenario as a heading names it.
std::string scenario_heading(const ScenarioResult& scenario);

}  // namespace concur
