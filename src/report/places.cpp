#include "report/places.hpp"

#include <algorithm>
#include <set>
#include <vector>

#include <fmt/format.h>

namespace concur {

Places::Places(std::span<const TaskRecord> tasks) {
  std::set<std::int32_t> pids;
  std::vector<const TaskRecord*> order;
  for (const auto& t : tasks)
    if (t.pid != 0) {
      pids.insert(t.pid);
      order.push_back(&t);
    }
  by_process_ = pids.size() > 1;
  std::stable_sort(order.begin(), order.end(),
                   [](const TaskRecord* a, const TaskRecord* b) { return a->start_ns < b->start_ns; });
  for (const TaskRecord* t : order)
    for (const std::int32_t tid : {t->tid, t->end_tid})
      if (tid != 0) numbers_.try_emplace(key(t->pid, tid), static_cast<int>(numbers_.size()) + 1);
}

int Places::number(std::int32_t pid, std::int32_t tid) const {
  const auto it = numbers_.find(key(pid, tid));
  return it == numbers_.end() ? 0 : it->second;
}

std::string Places::name(int number) const { return fmt::format("{} {}", by_process_ ? "proc" : "thread", number); }

std::string Places::label(const TaskRecord& t) const {
  const int from = start_of(t), to = end_of(t);
  if (to == 0 || to == from) return name(from);
  return fmt::format("{}→{}", name(from), to);
}

}  // namespace concur
