// Runs every chosen model on one scenario: warm-up, interleaved measured rounds, and the
// aggregation of samples into one block of the report.
#pragma once

#include <cstdint>
#include <vector>

#include "models/model.hpp"
#include "results.hpp"
#include "scenario.hpp"

namespace concur {

/// How to measure: which models, how often, with how many workers.
struct RunPlan {
  std::vector<const ModelInfo*> models;  ///< in registry order
  unsigned workers = 1;                  ///< --workers
  unsigned cores = 1;                    ///< cores available, for the ideal times of CPU work
  std::int64_t repeat = 3;               ///< measured runs per model
  std::int64_t warmup = 1;               ///< unmeasured single-task runs per model, first
  bool record_tasks = false;             ///< keep the median run's task records (with CPU time) for timelines
};

/// Measures `scenario` under every model of `plan` and returns its report block (without
/// the takeaway, which is computed from the finished rows).
ScenarioResult measure_scenario(const ScenarioInfo& info, Scenario& scenario, const RunPlan& plan);

/// The time `model` would need on `scenario` if it added no cost of its own.
double ideal_seconds(const Scenario& scenario, const ModelInfo& model, const RunPlan& plan);

}  // namespace concur
