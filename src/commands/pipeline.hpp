// The one measuring pipeline every measuring command goes through: build the scenarios, check
// this machine's limits, measure, compute takeaways, report, deliver. Commands only say what to
// measure and how to report it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "commands/command.hpp"
#include "core/results.hpp"
#include "measure/runner.hpp"
#include "options/settings.hpp"

namespace concur {

/// One block of the report: a scenario, its options and the plan it is measured under.
struct Job {
  const ScenarioInfo* info = nullptr;  ///< registry entry
  ScenarioOptions options;             ///< what to build it with
  RunPlan plan;                        ///< models, workers, runs
  std::optional<double> swept_value;   ///< in a sweep: this block's value of the varied option
  std::string swept_label;             ///< in a sweep: that value as typed
};

/// What a measuring command asks of the pipeline.
struct Measurement {
  std::vector<Job> jobs;           ///< in report order
  std::optional<SweepInfo> sweep;  ///< set for a sweep: every job is measured in one interleaved session
  OutputSettings output;           ///< format, -o, --trace, --timeline, --svg, --html, the exports
  bool ignore_limits = false;      ///< --ignore-limits
};

/// Builds the scenarios of `measurement`, checks this machine's limits and measures: the report
/// with its takeaways and bookkeeping, nothing written yet. Throws UsageError for input found
/// bad while building scenarios or checking limits, before anything is measured.
Report measure_report(const Measurement& measurement);

/// Writes `report` as `measurement` asks: the trace, the SVG chart, the report itself.
void write_report(const Measurement& measurement, const Report& report);

/// Runs `measurement` from building its scenarios to delivering its report. Returns the exit
/// code (0, or 1 when a row failed verification); throws UsageError for input found bad while
/// building scenarios or checking limits, before anything is measured.
int run_measurement(const Measurement& measurement);

/// The action of a measuring command: prints the notes on skipped models to stderr, then runs
/// `measurement` (or nothing, exit 0, when every model asked for was skipped: the notes say why).
Action measuring_action(Measurement measurement, std::vector<std::string> notes);

}  // namespace concur
