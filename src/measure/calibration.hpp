// The tool measures itself: every task pays for record_start and record_end (two clock reads
// and two writes into its record). Calibration times exactly that, so each row can say how
// much of its wall time was instrumentation rather than the model.
#pragma once

#include "core/results.hpp"

namespace concur {

/// Times record_start + record_end on this machine, on the calling thread; ns per task
/// (median of several batches). Call in the single-threaded main process before measuring.
Calibration calibrate_bookkeeping();

/// Sets every row's bookkeeping_share: tasks × cost per task / wall median. For models that
/// run tasks on several threads at once the records overlap too, so this is an upper bound.
void attribute_bookkeeping(Report& report);

}  // namespace concur
