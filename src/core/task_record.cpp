#include "core/task_record.hpp"

#include <algorithm>
#include <utility>
#include <vector>

namespace concur {

std::int64_t max_in_flight(std::span<const TaskRecord> tasks) {
  std::vector<std::pair<std::int64_t, int>> events;
  events.reserve(tasks.size() * 2);
  for (const auto& t : tasks) {
    if (t.start_ns == 0 && t.end_ns == 0) continue;  // never started (a failed run)
    events.emplace_back(t.start_ns, +1);
    events.emplace_back(t.end_ns, -1);
  }
  std::sort(events.begin(), events.end());  // at equal times -1 sorts first: end before start
  std::int64_t now = 0, peak = 0;
  for (const auto& [time, delta] : events) peak = std::max(peak, now += delta);
  return peak;
}

}  // namespace concur
