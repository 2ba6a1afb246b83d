#include "measure/run_watch.hpp"

#include <fcntl.h>
#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <fstream>
#include <sstream>
#include <string>

#include "sys/wire.hpp"

namespace concur {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::chrono::milliseconds kMinInterval{5};
constexpr std::chrono::milliseconds kMaxInterval{200};
constexpr int kCostFactor = 20;  // wait 20× what a sample cost: at most ~5 % of a core
// The tick keeps its own pace, whatever sampling costs: the live view redraws about 20 times a second.
constexpr std::chrono::milliseconds kTickEvery{50};

std::vector<pid_t> children_of(pid_t pid) {
  // Children are listed per creating thread; every model forks from the process's main thread.
  std::ifstream in("/proc/" + std::to_string(pid) + "/task/" + std::to_string(pid) + "/children");
  std::vector<pid_t> out;
  for (pid_t child = 0; in >> child;) out.push_back(child);
  return out;
}

std::int64_t private_kib(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/smaps_rollup");
  std::int64_t total = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("Private_Clean:", 0) == 0 || line.rfind("Private_Dirty:", 0) == 0) {
      std::istringstream fields(line.substr(line.find(':') + 1));
      std::int64_t kib = 0;
      fields >> kib;
      total += kib;
    }
  }
  return total;
}

}  // namespace

std::int64_t descendants_private_kib(pid_t root) {
  std::int64_t total = 0;
  std::vector<pid_t> pending = children_of(root);
  while (!pending.empty()) {
    const pid_t pid = pending.back();
    pending.pop_back();
    total += private_kib(pid);  // a process that has just exited reads as 0, as it should
    const auto grandchildren = children_of(pid);
    pending.insert(pending.end(), grandchildren.begin(), grandchildren.end());
  }
  return total;
}

WatchedRun read_while_watching(int fd, pid_t pid, const std::function<void()>& tick,
                               std::chrono::duration<double> limit) {
  WatchedRun run;
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
  const auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::min(
                                           limit, std::chrono::duration<double>(std::chrono::hours(24 * 365))));
  auto interval = std::chrono::duration_cast<Clock::duration>(kMinInterval);
  auto next_sample = Clock::now() + interval;
  auto next_tick = Clock::now() + kTickEvery;
  while (true) {
    if (Clock::now() >= deadline) {
      run.timed_out = true;
      break;
    }
    const auto wait = std::max(Clock::duration::zero(), std::min(next_sample, next_tick) - Clock::now());
    pollfd p{.fd = fd, .events = POLLIN, .revents = 0};
    const int ready = ::poll(&p, 1, static_cast<int>(std::chrono::ceil<std::chrono::milliseconds>(wait).count()));
    if (ready < 0 && errno != EINTR) break;
    if (ready > 0 && !read_available(fd, run.bytes)) break;  // end of file: the run is over
    if (tick && Clock::now() >= next_tick) {
      tick();
      next_tick = Clock::now() + kTickEvery;
    }
    if (Clock::now() < next_sample) continue;
    const auto start = Clock::now();
    run.children_peak_kib = std::max(run.children_peak_kib, descendants_private_kib(pid));
    const auto cost = Clock::now() - start;
    interval = std::clamp<Clock::duration>(cost * kCostFactor, kMinInterval, kMaxInterval);
    next_sample = Clock::now() + interval;
  }
  return run;
}

}  // namespace concur
