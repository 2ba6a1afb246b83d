// What a measured run's child processes hold in memory. A fork row's memory lives in its
// children, beyond the reach of the measuring process's own peak RSS, so the runner samples
// it while the run is under way, from a thread of its own at the lowest priority, and reads a
// bounded number of children: a walk of /proc over a thousand children cost tens of
// milliseconds of CPU taken from the cores the run was using, and every child read made its
// own exit dearer in the measured process (measured: a fork row of 1,000 tasks was about 40 ms
// slower with a full walk than with none).
#pragma once

#include <sys/types.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <stop_token>
#include <thread>

namespace concur {

/// Private memory (Private_Clean + Private_Dirty, KiB) of every descendant of `root`, summed;
/// 0 when it has none. Shared pages are left out: they are the parent's, already counted.
/// With more than 32 children, 32 of them spread over the list are read (each with all its
/// descendants) and their sum is scaled to all: reading a process's /proc entries makes its
/// exit dearer, and a fork row's exits are part of its wall time. An only child with children
/// of its own is read alone, and the same rule applies to its children.
/// Nothing when `stop` was requested before the walk was through.
std::optional<std::int64_t> descendants_private_kib(pid_t root, const std::stop_token& stop = {});

/// Samples descendants_private_kib(root) until stopped and keeps the largest sum seen. The
/// sampling thread runs at nice 19, so it takes only CPU time the run leaves unused (or a sliver
/// of it when the run uses every core), and backs off so that it never takes more than about 5 %
/// of one core.
class ChildrenMemorySampler {
 public:
  /// Starts sampling the descendants of `root`.
  explicit ChildrenMemorySampler(pid_t root);
  /// Stops sampling (as stop()).
  ~ChildrenMemorySampler();
  ChildrenMemorySampler(const ChildrenMemorySampler&) = delete;
  ChildrenMemorySampler& operator=(const ChildrenMemorySampler&) = delete;

  /// Stops sampling (a walk under way is abandoned) and returns the largest sum seen, KiB.
  std::int64_t stop();

 private:
  void sample_until_stopped(const std::stop_token& stop);

  pid_t root_;
  std::atomic<std::int64_t> peak_kib_{0};
  std::mutex mutex_;  // for the pauses between samples, which a stop request cuts short
  std::condition_variable_any pause_;
  std::jthread thread_;  // last: it starts once everything it uses exists
};

}  // namespace concur
