// The command line: CLI11 does the tokenising and help; our parsers judge the values, so
// every mistake becomes one line that names the bad value and what is accepted.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "measure/runner.hpp"
#include "options/vary.hpp"
#include "scenarios/scenario.hpp"

namespace concur {

/// Bad input on the command line; what() is the single line to print. Exit code 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// What `sweep` was asked to vary and show.
struct SweepRequest {
  std::string key;                 ///< the varied option
  std::vector<SweepPoint> points;  ///< one per value, ascending
  std::string metric = "wall";     ///< --metric: what the table and chart show
  std::optional<std::string> svg;  ///< --svg FILE
};

/// What the user asked for.
struct Invocation {
  /// What to do.
  enum class Action { run, list, help, sweep, explain, count };
  Action action = Action::help;                ///< the command's kind
  std::string help_text;                       ///< for Action::help: the text to print
  std::vector<const ScenarioInfo*> scenarios;  ///< for Action::run: what to measure, in order
  ScenarioOptions scenario_options;            ///< --tasks, --delay, --size, --dir, --cache, --factorial
  RunPlan plan;                                ///< models, workers, repeat, warm-up
  std::string format = "table";                ///< --format
  std::optional<std::string> output;           ///< -o/--output
  bool ignore_limits = false;                  ///< --ignore-limits: run even past the machine's limits
  SweepRequest sweep;                          ///< for Action::sweep: what to vary and show
  bool timeline = false;                       ///< --timeline: a Gantt chart under each table row
  std::optional<std::string> trace;            ///< --trace FILE: a Chrome trace of the task records
  std::string topic;                           ///< for Action::explain: what to explain (empty: list lessons)
  std::vector<std::string> notes;              ///< lines for stderr (rows skipped, e.g. no python3)
};

/// Parses argv; throws UsageError for bad input. `cores` is the default for --workers.
Invocation parse_command_line(int argc, const char* const* argv, unsigned cores);

}  // namespace concur
