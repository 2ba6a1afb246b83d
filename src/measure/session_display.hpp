// What a measuring session shows while it runs: the progress line on stderr, or the live view
// of the tasks on the terminal. The runner announces each run to it, lets it redraw while the
// run goes on, and hands it the finished sample; it never decides anything about measuring.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "measure/isolated_run.hpp"
#include "models/model.hpp"
#include "scenarios/scenario.hpp"

namespace concur {

class SharedRecords;

/// One run of a session, as the runner announces it.
struct RunStart {
  std::string key;                     ///< the kind of run, as TimeLeft counts it
  std::string label;                   ///< "sleep · thread" (and the point, in a sweep)
  std::string scenario_name;           ///< registry name of the scenario
  const Scenario* scenario = nullptr;  ///< the scenario as built (title, parameters, ideal times)
  const ModelInfo* model = nullptr;    ///< the model this run measures
  std::size_t model_number = 1;        ///< this model's place among the scenario's models, from 1
  std::size_t model_count = 1;         ///< models on this scenario
  std::int64_t run = 1;                ///< round (or warm-up) number, from 1
  std::int64_t runs = 1;               ///< rounds (or warm-ups) in all
  bool warmup = false;                 ///< an unmeasured single-task run
  std::size_t tasks = 0;               ///< tasks in this run
  std::int64_t parallel = 1;           ///< tasks the model can compute at once (its workers, or all)
  double ideal_s = 0;                  ///< what the run would take if the model cost nothing
};

/// Shows a measuring session as it goes.
class SessionDisplay {
 public:
  virtual ~SessionDisplay() = default;
  /// A run is about to be prepared and started.
  virtual void run_started(const RunStart& run) = 0;
  /// Called now and then while the run goes on (at least 20 times a second when live).
  virtual void tick() = 0;
  /// The run is over; `sample` is what it measured.
  virtual void run_finished(const RunStart& run, const RunSample& sample) = 0;
  /// Memory shared with the measured process, where its tasks write their records as they happen
  /// (for the run announced last); null when nothing watches them (the progress line).
  [[nodiscard]] virtual const SharedRecords* shared_records() const { return nullptr; }
};

}  // namespace concur
