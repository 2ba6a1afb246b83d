// While a measured run is under way the runner would otherwise just block on its pipe. It
// lets a progress line tick meanwhile, and has what the run's child processes hold in memory
// sampled (measure/children_memory.hpp).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

namespace concur {

/// What the runner saw while waiting for one measured run.
struct WatchedRun {
  std::vector<std::byte> bytes;        ///< everything the measured process wrote to its pipe
  std::int64_t children_peak_kib = 0;  ///< largest descendants_private_kib seen during the run
  bool timed_out = false;              ///< `limit` passed before end of file: the run is stuck
};

/// Reads `fd` to end of file, or until `limit` has passed (the watchdog), while `tick` is
/// called every 50 ms and, when `has_children` (a model that starts processes), a
/// ChildrenMemorySampler watches `pid`'s descendants.
WatchedRun read_while_watching(int fd, pid_t pid, bool has_children, const std::function<void()>& tick,
                               std::chrono::duration<double> limit);

}  // namespace concur
