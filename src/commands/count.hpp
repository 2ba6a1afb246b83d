// `concur-demo count`: the coroutine example of the teaching notes, made live. Three tasks each
// print "One", wait, and print "Two"; under every model the words appear as the tasks write
// them, so the order itself shows who overlapped the waits.
#pragma once

#include <chrono>
#include <ostream>

#include "commands/command.hpp"
#include "measure/runner.hpp"

namespace concur {

/// Runs the demo under each model of `plan` (each in its own measured process) with waits of
/// `delay`; the tasks' words go straight to standard output, the rest to `out` (which must be
/// standard output too, flushed around every run). Returns the exit code: 0, or 1 if a row failed.
int run_count(const RunPlan& plan, std::chrono::nanoseconds delay, std::ostream& out);

/// Adds `count` to `app`.
void add_count_command(CLI::App& app, Action& action, unsigned cores);

}  // namespace concur
