#include "analysis/metric.hpp"

#include <algorithm>
#include <array>

namespace concur {

std::span<const Metric> metrics() {
  static constexpr std::array<Metric, 5> all{{
      {.name = "wall",
       .label = "wall median",
       .quantity = Quantity::seconds,
       .value = [](const ModelResult& r) { return r.wall_s.median; }},
      {.name = "cpu",
       .label = "CPU time (median)",
       .quantity = Quantity::seconds,
       .value = [](const ModelResult& r) { return r.cpu_s; }},
      {.name = "rss",
       .label = "peak RSS (median)",
       .quantity = Quantity::kib,
       .value = [](const ModelResult& r) { return static_cast<double>(r.peak_rss_kib); }},
      // Memory the run added per task (fork children's private memory included): what one
      // more waiting task costs, rather than the process's fixed size.
      {.name = "rss-per-task",
       .label = "memory per task",
       .quantity = Quantity::kib,
       .value = [](const ModelResult& r) { return r.rss_per_task_kib; }},
      {.name = "overhead",
       .label = "overhead per task",
       .quantity = Quantity::microseconds,
       .value = [](const ModelResult& r) { return r.overhead_per_task_us; }},
  }};
  return all;
}

const Metric* find_metric(std::string_view name) {
  const auto all = metrics();
  const auto it = std::find_if(all.begin(), all.end(), [&](const Metric& m) { return m.name == name; });
  return it == all.end() ? nullptr : &*it;
}

}  // namespace concur
