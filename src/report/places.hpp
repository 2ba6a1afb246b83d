// Where tasks ran, in words a reader can follow: OS thread ids and process ids mean nothing on a
// projector, so they are numbered in the order the run first used them ("thread 1", "proc 3").
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <string>

#include "core/task_record.hpp"

namespace concur {

/// Numbers the threads (or, when a run used several processes, the processes) of one run.
class Places {
 public:
  /// Numbers every place in `tasks` by the start time of the first task that used it.
  explicit Places(std::span<const TaskRecord> tasks);
  /// True when tasks ran in more than one process, so places are processes.
  [[nodiscard]] bool by_process() const { return by_process_; }
  /// How many distinct places the run used.
  [[nodiscard]] std::size_t count() const { return numbers_.size(); }
  /// The number of thread `tid` of process `pid`, or of process `pid` when places are processes (1-based; 0 if
  /// unknown).
  [[nodiscard]] int number(std::int32_t pid, std::int32_t tid) const;
  /// The number of the place a task started on.
  [[nodiscard]] int start_of(const TaskRecord& t) const { return number(t.pid, t.tid); }
  /// The number of the place a task ended on.
  [[nodiscard]] int end_of(const TaskRecord& t) const { return number(t.pid, t.end_tid); }
  /// "thread 3" or "proc 3".
  [[nodiscard]] std::string name(int number) const;
  /// Where a task ran: "thread 1", or "thread 1→2" when it moved (a fiber, offloaded work).
  [[nodiscard]] std::string label(const TaskRecord& t) const;

 private:
  [[nodiscard]] std::int64_t key(std::int32_t pid, std::int32_t tid) const { return by_process_ ? pid : tid; }
  bool by_process_ = false;
  std::map<std::int64_t, int> numbers_;
};

}  // namespace concur
