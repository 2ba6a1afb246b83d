// What passes between the tool and its Python reference program (scenarios/python/reference.py):
// the job goes in as JSON on the program's standard input; the results come back on descriptor
// 3 in the tool's wire layout (little-endian, length-prefixed): a header, one record per task,
// and a trailer with the CPU time of the workload. The results are outside input, decoded
// defensively: whatever the bytes, decoding either fills every task or throws.
#pragma once

#include <chrono>
#include <cstddef>
#include <span>
#include <string>

#include "models/model.hpp"

namespace concur {

/// The job for the reference program: `work` as JSON, one object per task.
std::string python_job(WorkView work);

/// What the reference program said besides its tasks.
struct PythonRun {
  std::string version;                       ///< the interpreter's version ("3.11.2")
  std::chrono::nanoseconds workload_cpu{0};  ///< CPU time of the interpreter and its children during the workload
};

/// Decodes the reference program's results into `ctx`: every task's record and outcome, and
/// ctx.origin moved to the workload's start (the interpreter's start-up is not timed). `now` is
/// when the program ended: no time it reports may lie outside [ctx.origin, now]. Throws
/// std::runtime_error naming the problem when the program reported an error, or the bytes are
/// short, long, or impossible (a count that is not the job's, a time outside the run).
PythonRun decode_python_results(RunContext& ctx, std::span<const std::byte> bytes,
                                std::chrono::steady_clock::time_point now);

}  // namespace concur
