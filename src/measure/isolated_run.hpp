// One measured run of one model, in a fresh child process of its own: peak RSS, CPU time,
// threads and processes then belong to that model alone, and fork() never follows thread
// creation in the process that forks.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/results.hpp"
#include "models/model.hpp"
#include "scenarios/scenario.hpp"

namespace concur {

class SharedRecords;

/// What one isolated run measured.
struct RunSample {
  RunRecord record;               ///< the numbers
  std::string failure;            ///< why the run failed or did not verify; empty when verified
  std::string note;               ///< the model's remark, if any
  std::vector<TaskRecord> tasks;  ///< per-task start, end and place; empty unless asked for
  /// CPU seconds the scenario's helper process (net: its server) used during the run; set by the runner.
  std::optional<double> server_cpu_s;
};

/// Runs the first `task_count` tasks of `scenario` under `model` in a child process and
/// returns its measurements; never throws for a failing model (the sample says why). An
/// interrupting signal ends the tool from its handler, whatever this is doing. `record_cpu`
/// fills each task's CPU time (for timelines); `tick` is called now and then while it waits
/// (progress display, live view). `placement` says where a model whose workers are ranks runs
/// them; `send_tasks` brings the per-task records back in RunSample::tasks. `shared`, when given,
/// is where the tasks write their records as they go (the live view reads them there; mapped
/// before the fork, and `task_count` long).
RunSample run_isolated(const ModelInfo& model, const Scenario& scenario, std::size_t task_count, unsigned workers,
                       bool record_cpu = false, const std::function<void()>& tick = {}, const Placement& placement = {},
                       bool send_tasks = true, const SharedRecords* shared = nullptr);

}  // namespace concur
