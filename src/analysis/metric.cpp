#include "analysis/metric.hpp"

#include <algorithm>
#include <array>

namespace concur {

std::span<const Metric> metrics() {
  static constexpr std::array<Metric, 5> all{{
      {"wall", "wall median", Quantity::seconds, [](const ModelResult& r) { return r.wall_s.median; }},
      {"cpu", "CPU time (median)", Quantity::seconds, [](const ModelResult& r) { return r.cpu_s; }},
      {"rss", "peak RSS (median)", Quantity::kib,
       [](const ModelResult& r) { return static_cast<double>(r.peak_rss_kib); }},
      // Memory the run added per task (fork children's private memory included): what one
      // more waiting task costs, rather than the process's fixed size.
      {"rss-per-task", "memory per task", Quantity::kib, [](const ModelResult& r) { return r.rss_per_task_kib; }},
      {"overhead", "overhead per task", Quantity::microseconds,
       [](const ModelResult& r) { return r.overhead_per_task_us; }},
  }};
  return all;
}

const Metric* find_metric(std::string_view name) {
  const auto all = metrics();
  const auto it = std::find_if(all.begin(), all.end(), [&](const Metric& m) { return m.name == name; });
  return it == all.end() ? nullptr : &*it;
}

}  // namespace concur
