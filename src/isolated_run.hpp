// One measured run of one model, in a fresh child process of its own: peak RSS, CPU time,
// threads and processes then belong to that model alone, and fork() never follows thread
// creation in the process that forks.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "models/model.hpp"
#include "results.hpp"
#include "scenario.hpp"

namespace concur {

/// What one isolated run measured.
struct RunSample {
  RunRecord record;               ///< the numbers
  std::string failure;            ///< why the run failed or did not verify; empty when verified
  std::string note;               ///< the model's remark, if any
  std::vector<TaskRecord> tasks;  ///< per-task start, end and place
};

/// Runs the first `task_count` tasks of `scenario` under `model` in a child process and
/// returns its measurements; never throws for a failing model (the sample says why), only
/// Interrupted when the user stops the tool. `record_cpu` fills each task's CPU time (for timelines).
RunSample run_isolated(const ModelInfo& model, const Scenario& scenario, std::size_t task_count, unsigned workers,
                       bool record_cpu = false);

}  // namespace concur
