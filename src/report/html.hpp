// The report for after class (--html FILE): one self-contained page with the machine header, per
// scenario the table, the takeaway, the noise notes and each row's timeline on the scenario's
// shared time axis, the sweep's chart for a sweep, and the command line that produced it. It is
// also the offline way to look at the task records a Chrome trace holds: every task's start,
// end, place and CPU time shows when the pointer rests on it.
#pragma once

#include <string>
#include <string_view>

#include "core/results.hpp"

namespace concur {

/// The HTML page of `report`; `title` replaces the page's own ("concur-demo: sleep") when set.
std::string html_report(const Report& report, std::string_view title = {});

}  // namespace concur
