// `concur-demo count`: the coroutine example of the teaching notes, made live. Three tasks each
// print "One", wait, and print "Two"; under every model the words appear as the tasks write
// them, so the order itself shows who overlapped the waits.
#pragma once

#include <chrono>
#include <ostream>
#include <string>
#include <vector>

#include "commands/command.hpp"
#include "core/results.hpp"
#include "measure/runner.hpp"

namespace concur {

/// Runs the demo under each model of `plan` (each in its own measured process) with waits of
/// `delay`; the tasks' words go straight to standard output, the rest to `out` (which must be
/// standard output too, flushed around every run). Returns the exit code: 0, or 1 if a row failed.
/// `measured`, when given, receives each model's run as a report row (for `lesson`'s verdict).
int run_count(const RunPlan& plan, std::chrono::nanoseconds delay, std::ostream& out,
              std::vector<ModelResult>* measured = nullptr);

/// What a count command line asks for.
struct CountRequest {
  RunPlan plan;                    ///< the models, and workers for pool and fiber
  std::chrono::nanoseconds delay;  ///< each task's wait
  std::vector<std::string> notes;  ///< one line per model skipped
};

/// Parses `args` ("count" and its options) exactly as the command line would, for `lesson`;
/// throws UsageError for anything the command line would refuse.
CountRequest parse_count_command(const std::vector<std::string>& args, unsigned cores);

/// Adds `count` to `line`.
void add_count_command(CommandLine& line, Action& action, unsigned cores);

}  // namespace concur
