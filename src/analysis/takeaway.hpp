// The one sentence under each table, computed from the measured rows, never canned: on a
// machine where a lesson does not show (one core, a slow timer), it says what did happen.
#pragma once

#include <string>

#include "core/results.hpp"
#include "scenarios/scenario.hpp"

namespace concur {

/// A takeaway for `result`, whose tasks are `bound`; empty when no row verified.
std::string compute_takeaway(const ScenarioResult& result, Bound bound, unsigned cores);

}  // namespace concur
