#include "measure/run_watch.hpp"

#include <fcntl.h>
#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <optional>

#include "measure/children_memory.hpp"
#include "sys/wire.hpp"

namespace concur {
namespace {

using Clock = std::chrono::steady_clock;

// The tick keeps its own pace: the live view redraws about 20 times a second.
constexpr std::chrono::milliseconds kTickEvery{50};
// One poll at most this long, so the watchdog's deadline is checked now and then whatever it is.
constexpr std::chrono::seconds kLongestWait{1};

}  // namespace

WatchedRun read_while_watching(int fd, pid_t pid, bool has_children, const std::function<void()>& tick,
                               std::chrono::duration<double> limit) {
  WatchedRun run;
  // Only where there are children to find: the sampler wakes 200 times a second, and on two
  // cores the thread row was 2-3 % slower with it looking at a process that had none.
  std::optional<ChildrenMemorySampler> children;
  if (has_children) children.emplace(pid);
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
  const auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::min(
                                           limit, std::chrono::duration<double>(std::chrono::hours(24 * 365))));
  auto next_tick = Clock::now() + kTickEvery;
  while (true) {
    if (Clock::now() >= deadline) {
      run.timed_out = true;
      break;
    }
    const auto wake = tick ? std::min(next_tick, deadline) : deadline;
    const auto wait = std::clamp<Clock::duration>(wake - Clock::now(), Clock::duration::zero(), kLongestWait);
    pollfd p{.fd = fd, .events = POLLIN, .revents = 0};
    const int ready = ::poll(&p, 1, static_cast<int>(std::chrono::ceil<std::chrono::milliseconds>(wait).count()));
    if (ready < 0 && errno != EINTR) break;
    if (ready > 0 && !read_available(fd, run.bytes)) break;  // end of file: the run is over
    if (tick && Clock::now() >= next_tick) {
      tick();
      next_tick = Clock::now() + kTickEvery;
    }
  }
  run.children_peak_kib = children ? children->stop() : 0;
  return run;
}

}  // namespace concur
