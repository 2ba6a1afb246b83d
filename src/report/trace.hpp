// `--trace FILE.json`: the task records of every row as a Chrome trace, to explore in Perfetto
// (ui.perfetto.dev) or chrome://tracing when a terminal timeline is too coarse.
#pragma once

#include <ostream>

#include "core/results.hpp"

namespace concur {

/// Writes the Trace Event Format (JSON object form): one process track per row's median run,
/// one thread track per OS thread, one slice per task, categorised "compute" or "wait" by
/// which the task spent most of its time doing, and a counter of tasks in flight.
void write_trace(const Report& report, std::ostream& out);

}  // namespace concur
