#include "analysis/metric.hpp"

#include <algorithm>
#include <array>

namespace concur {

std::span<const Metric> metrics() {
  static constexpr std::array<Metric, 5> all{{
      {.name = "wall",
       .label = "wall median",
       .quantity = Quantity::seconds,
       .value = [](const ModelResult& r) { return r.wall_s.median; },
       .run_value = [](const ModelResult&, const RunRecord& run) { return run.wall_s; }},
      {.name = "cpu",
       .label = "CPU time (median)",
       .quantity = Quantity::seconds,
       .value = [](const ModelResult& r) { return r.cpu_s; },
       .run_value = [](const ModelResult&, const RunRecord& run) { return run.cpu_s; }},
      {.name = "rss",
       .label = "peak RSS (median)",
       .quantity = Quantity::kib,
       .value = [](const ModelResult& r) { return static_cast<double>(r.peak_rss_kib); },
       .run_value = [](const ModelResult&, const RunRecord& run) { return static_cast<double>(run.peak_rss_kib); }},
      // Memory the run added per task (fork children's private memory included): what one
      // more waiting task costs, rather than the process's fixed size.
      {.name = "rss-per-task",
       .label = "memory per task",
       .quantity = Quantity::kib,
       .value = [](const ModelResult& r) { return r.rss_per_task_kib; },
       .run_value =
           [](const ModelResult&, const RunRecord& run) {
             return static_cast<double>(run.memory_growth_kib) /
                    static_cast<double>(std::max<std::int64_t>(1, run.max_in_flight));
           }},
      {.name = "overhead",
       .label = "overhead per task",
       .quantity = Quantity::microseconds,
       .value = [](const ModelResult& r) { return r.overhead_per_task_us; },
       // The ideal is the same for every run of a row, so a run's overhead differs from the
       // median's by its own distance from the median wall time, per task.
       .run_value =
           [](const ModelResult& r, const RunRecord& run) {
             return r.overhead_per_task_us +
                    (run.wall_s - r.wall_s.median) * 1e6 / static_cast<double>(std::max<std::int64_t>(1, r.tasks));
           }},
  }};
  return all;
}

const Metric* find_metric(std::string_view name) {
  const auto all = metrics();
  const auto it = std::find_if(all.begin(), all.end(), [&](const Metric& m) { return m.name == name; });
  return it == all.end() ? nullptr : &*it;
}

std::pair<double, double> run_range(const Metric& metric, const ModelResult& row) {
  const double own = metric.value(row);
  std::pair<double, double> range{own, own};
  for (const RunRecord& run : row.runs) {
    const double v = metric.run_value(row, run);
    range = {std::min(range.first, v), std::max(range.second, v)};
  }
  return range;
}

}  // namespace concur
