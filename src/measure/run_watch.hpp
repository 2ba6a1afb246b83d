// While a measured run is under way the runner would otherwise just block on its pipe. It
// uses the time to sample what the run's child processes hold in memory (a fork row's memory
// lives in them, beyond the reach of the measuring process's own peak RSS) and to let a
// progress line tick.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

namespace concur {

/// Private memory (Private_Clean + Private_Dirty, KiB) of every descendant of `root`, summed;
/// 0 when it has none. Shared pages are left out: they are the parent's, already counted.
std::int64_t descendants_private_kib(pid_t root);

/// What the runner saw while waiting for one measured run.
struct WatchedRun {
  std::vector<std::byte> bytes;        ///< everything the measured process wrote to its pipe
  std::int64_t children_peak_kib = 0;  ///< largest descendants_private_kib seen during the run
  bool timed_out = false;              ///< `limit` passed before end of file: the run is stuck
};

/// Reads `fd` to end of file, or until `limit` has passed (the watchdog), while sampling
/// descendants_private_kib(`pid`) and calling `tick` every 50 ms. Sampling backs off so that
/// it never takes more than about 5 % of one core.
WatchedRun read_while_watching(int fd, pid_t pid, const std::function<void()>& tick,
                               std::chrono::duration<double> limit);

}  // namespace concur
