// Runs every chosen model on one scenario: warm-up, interleaved measured rounds, and the
// aggregation of samples into one block of the report.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "core/results.hpp"
#include "measure/isolated_run.hpp"
#include "models/model.hpp"
#include "scenarios/scenario.hpp"

namespace concur {

/// How to measure: which models, how often, with how many workers.
struct RunPlan {
  std::vector<const ModelInfo*> models;  ///< in registry order
  unsigned workers = 1;                  ///< --workers
  unsigned cores = 1;                    ///< cores available, for the ideal times of CPU work
  std::int64_t repeat = 3;               ///< measured runs per model
  std::int64_t warmup = 1;               ///< unmeasured single-task runs per model, first
  bool record_tasks = false;             ///< keep the median run's task records (with CPU time) for timelines
  bool show_progress = false;            ///< may draw a progress line (still only on a terminal, over 2 s)
  bool live = false;                     ///< --live: draw each run's tasks as they go (needs a terminal)
  unsigned ranks = 1;                    ///< --ranks: the workers of a model whose workers are ranks (mpi)
  Placement placement;                   ///< --hosts, --launch-timeout: where such a model's ranks run
};

/// The workers `model` runs with under `plan`: --workers, or --ranks for a model whose workers are ranks.
unsigned workers_for(const ModelInfo& model, const RunPlan& plan);

/// One scenario as built for one point of a sweep, with the plan it runs under.
struct Variant {
  const ScenarioInfo* info = nullptr;  ///< registry entry
  Scenario* scenario = nullptr;        ///< built for this point's parameters
  RunPlan plan;                        ///< models, workers and repeats for this point
};

/// One run the runner asks its executor for: the scenario has been prepared for it.
struct RunRequest {
  const ModelInfo& model;                 ///< how the tasks run
  const Scenario& scenario;               ///< what the tasks do
  std::size_t tasks = 0;                  ///< how many of the scenario's tasks, from the first (1 for a warm-up)
  unsigned workers = 1;                   ///< the model's workers (workers_for: --workers or --ranks)
  bool record_cpu = false;                ///< fill each task's CPU time (a timeline or trace was asked for)
  Placement placement{};                  ///< where a model whose workers are ranks runs them
  const SharedRecords* shared = nullptr;  ///< live: where the tasks write their records as they go
};

/// Carries out the runs the runner asks for. The runner decides which runs, in what order, and
/// what their samples add up to; the executor only runs. The seam lets tests replace the forked
/// measuring process with scripted samples and check the aggregation without processes.
class Executor {
 public:
  virtual ~Executor() = default;
  /// Performs one run; never throws for a failing model (the sample says why). `tick` is to be
  /// called now and then while the run goes on (progress display).
  virtual RunSample run(const RunRequest& request, const std::function<void()>& tick) = 0;
};

/// The executor of every real measurement: each run in a fresh measuring process (run_isolated).
Executor& isolated_executor();

/// Measures `scenario` under every model of `plan` with `executor` and returns its report
/// block (without the takeaway, which is computed from the finished rows).
ScenarioResult measure_scenario(const ScenarioInfo& info, Scenario& scenario, const RunPlan& plan,
                                Executor& executor = isolated_executor());

/// Measures every variant under its plan's models with `executor`, interleaving runs across
/// variants and models (round 1 of everything, then round 2, …); one report block per
/// variant, in order. Warm-up runs use the first variant. Every variant must name the same models.
std::vector<ScenarioResult> measure_variants(std::span<const Variant> variants,
                                             Executor& executor = isolated_executor());

/// Measures each variant in turn, each with its own warm-ups and rounds (the scenarios of an
/// ordinary run: sleep, then files, then factorial); one progress line covers them all, so its
/// time left is the whole invocation's. One report block per variant, in order.
std::vector<ScenarioResult> measure_in_turn(std::span<const Variant> variants,
                                            Executor& executor = isolated_executor());

/// The time `model` would need on `scenario` if it added no cost of its own.
double ideal_seconds(const Scenario& scenario, const ModelInfo& model, const RunPlan& plan);

}  // namespace concur
