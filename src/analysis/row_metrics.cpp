#include "analysis/row_metrics.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "analysis/noise.hpp"
#include "analysis/stats.hpp"

namespace concur {
namespace {

template <typename Field>
double median_of(const std::vector<RunRecord>& runs, Field field) {
  std::vector<double> values;
  values.reserve(runs.size());
  for (const RunRecord& run : runs) values.push_back(static_cast<double>(field(run)));
  return median(values);
}

}  // namespace

void derive_row_metrics(ModelResult& row) {
  std::vector<double> walls;
  for (const RunRecord& run : row.runs) walls.push_back(run.wall_s);
  row.noise = assess_noise(walls);
  // Per run, then the median: one run stalled by a neighbour does not skew the ratio.
  row.cpu_utilisation = median_of(row.runs, [](const RunRecord& r) { return r.wall_s > 0 ? r.cpu_s / r.wall_s : 0.0; });
  row.voluntary_ctx = std::llround(median_of(row.runs, [](const RunRecord& r) { return r.voluntary_ctx; }));
  row.involuntary_ctx = std::llround(median_of(row.runs, [](const RunRecord& r) { return r.involuntary_ctx; }));
  // Per task alive at the peak, not per task of the run: when tasks come and go (a fork loop
  // slower than the waits, a pool of 2) only those in flight together hold memory at once.
  row.rss_per_task_kib = median_of(row.runs, [](const RunRecord& r) {
    return static_cast<double>(r.memory_growth_kib) / static_cast<double>(std::max<std::int64_t>(1, r.max_in_flight));
  });
}

}  // namespace concur
