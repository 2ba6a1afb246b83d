// One task's trace: when it ran, where, and how much of that time it computed. Models write
// it on the measured path; reporters draw timelines and traces from it. Plain data only.
#pragma once

#include <cstdint>
#include <span>

namespace concur {

/// Where and when one task ran; written by the task itself into preallocated storage.
struct TaskRecord {
  std::int64_t start_ns = 0;  ///< task start, ns since the run's origin
  std::int64_t end_ns = 0;    ///< task end, ns since the run's origin
  std::int32_t pid = 0;       ///< process the task ran in
  std::int32_t tid = 0;       ///< OS thread the task started on
  std::int32_t end_tid = 0;   ///< OS thread the task ended on (fibers and offloaded work move)
  std::int64_t cpu_ns = 0;    ///< thread CPU time of the task's own running segments (0 unless recorded)
  /// Start of the task's last running segment, after its last resume (an offloaded computation
  /// starting on its pool thread); equals start_ns for a task that never suspended. Recorded with cpu_ns.
  std::int64_t resumed_ns = 0;
};

/// Most tasks in flight at once, from start/end records (ends sort before starts at a tie).
std::int64_t max_in_flight(std::span<const TaskRecord> tasks);

}  // namespace concur
