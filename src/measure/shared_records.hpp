// The memory the live view watches: the task records of one measured run, in an anonymous
// mapping shared between the tool and the measuring process it forks. The measured tasks write
// their records there exactly as they would into memory of their own (no extra work, no
// drawing); the tool reads them about twenty times a second and draws.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/task_record.hpp"

namespace concur {

/// One record per task, and the run's time zero, in memory shared with a forked child.
class SharedRecords {
 public:
  /// Maps zeroed memory for `tasks` records; to be made before the fork. `cpu_times`: the tasks
  /// are to record their CPU times too. Throws std::system_error when the mapping fails.
  SharedRecords(std::size_t tasks, bool cpu_times);
  /// Unmaps it.
  ~SharedRecords();
  SharedRecords(const SharedRecords&) = delete;
  SharedRecords& operator=(const SharedRecords&) = delete;

  /// The slots the measured tasks write (RunContext::records in the measuring process).
  [[nodiscard]] std::span<TaskRecord> records() const { return {records_, tasks_}; }
  /// Tasks it holds records for.
  [[nodiscard]] std::size_t size() const { return tasks_; }
  /// Whether the tasks record their CPU times (the measuring runs with record_cpu).
  [[nodiscard]] bool cpu_times() const { return cpu_times_; }

  /// Called by the measuring process just before its clock starts: the records' time zero, and
  /// its own process id (whose CPU time the live view follows).
  void publish_origin(std::chrono::steady_clock::time_point origin) const;
  /// The time zero the measuring process published, once it has.
  [[nodiscard]] std::optional<std::chrono::steady_clock::time_point> origin() const;
  /// The measuring process, once it has published its time zero (0 before).
  [[nodiscard]] std::int32_t process() const;

  /// Copies the records as they are now into `out`. A record being written at that instant may
  /// come half old, half new; readers take a task as started once its pid (or, with CPU times,
  /// its resume time) is set and as ended once its end thread is, and read nothing else as final.
  void snapshot(std::vector<TaskRecord>& out) const;

 private:
  void* mapping_ = nullptr;
  std::size_t bytes_ = 0;
  std::size_t tasks_ = 0;
  bool cpu_times_ = false;
  TaskRecord* records_ = nullptr;
};

}  // namespace concur
