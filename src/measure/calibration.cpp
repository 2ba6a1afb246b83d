#include "measure/calibration.hpp"

#include <chrono>
#include <vector>

#include "analysis/stats.hpp"
#include "models/model.hpp"

namespace concur {
namespace {

// Large enough that the two clock reads around a batch vanish in it, small enough that the
// records stay in cache as they do for the tasks of a real run of moderate size.
constexpr std::size_t kBatchTasks = 4096;
constexpr int kBatches = 25;

}  // namespace

Calibration calibrate_bookkeeping() {
  std::vector<TaskRecord> records(kBatchTasks);  // value-initialised: pages touched up front, as in a run
  RunContext ctx{.work = {},
                 .outcomes = {},
                 .records = records,
                 .workers = 1,
                 .origin = std::chrono::steady_clock::now(),
                 .note = {},
                 .record_cpu = false,
                 .placement = {}};
  record_start(ctx, 0);  // the first call caches the thread's ids; tasks of a run pay that once per thread
  std::vector<double> per_task_ns;
  for (int b = 0; b < kBatches; ++b) {
    const auto start = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < kBatchTasks; ++i) {
      record_start(ctx, i);
      record_end(ctx, i);
    }
    const auto elapsed = std::chrono::steady_clock::now() - start;
    per_task_ns.push_back(std::chrono::duration<double, std::nano>(elapsed).count() / kBatchTasks);
  }
  // Measured children start from a clean slate anyway; this keeps the main process's cache
  // from ever being mistaken for theirs.
  forget_thread_identity();
  return Calibration{median(per_task_ns)};
}

void attribute_bookkeeping(Report& report) {
  const double cost_s = report.calibration.bookkeeping_ns_per_task * 1e-9;
  for (ScenarioResult& scenario : report.scenarios)
    for (ModelResult& row : scenario.rows)
      row.bookkeeping_share = row.wall_s.median > 0 ? cost_s * static_cast<double>(row.tasks) / row.wall_s.median : 0;
}

}  // namespace concur
