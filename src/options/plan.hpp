// From settings to a run plan: which models (resolved against the registry, with what was
// skipped and why), how many workers, runs and warm-ups.
#pragma once

#include <string>
#include <vector>

#include "measure/runner.hpp"
#include "options/settings.hpp"

namespace concur {

/// A run plan and the notes for stderr about models left out (no python3, say).
struct PlannedRun {
  RunPlan plan;                    ///< what to measure
  std::vector<std::string> notes;  ///< one line per reason a requested model was skipped
};

/// The plan `settings` ask for on a machine of `cores` hardware threads; throws UsageError for
/// an unknown or repeated model.
PlannedRun plan_run(const Settings& settings, unsigned cores);

}  // namespace concur
