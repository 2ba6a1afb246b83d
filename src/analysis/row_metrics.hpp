// The columns derived from a row's runs beyond wall-time statistics: noise verdict, CPU
// utilisation, context switches and memory per task. One place, so every format and the
// sweep read the same numbers.
#pragma once

#include "core/results.hpp"

namespace concur {

/// Fills noise, cpu_utilisation, voluntary_ctx, involuntary_ctx and rss_per_task_kib (memory
/// growth per task in flight at once) of `row` from row.runs.
void derive_row_metrics(ModelResult& row);

}  // namespace concur
