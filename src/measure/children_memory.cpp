#include "measure/children_memory.hpp"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "models/model.hpp"  // thread_cpu_ns

namespace concur {
namespace {

constexpr std::chrono::milliseconds kMinInterval{5};
constexpr std::chrono::milliseconds kMaxInterval{200};
constexpr int kCostFactor = 20;  // pause 20× what a sample cost in CPU time: at most ~5 % of a core
constexpr int kLowestPriority = 19;

// Every /proc/<pid> the sampler opens costs that process's exit: the kernel drops the directory
// entries the read left behind, in the parent's waitpid(). Measured on a 2-core machine, about
// 40 µs per child: a fork row of 1,000 children spent 10 % of its measuring process's CPU time
// there, and its wall was about 40 ms longer with the sampler than without. So only this many
// children of the measured process are read, each with all its descendants.
constexpr std::size_t kChildrenRead = 32;

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

// A process's resident anonymous memory, from the kernel's counters (/proc/<pid>/status), which
// reading does not lock: smaps_rollup walks the page tables under the process's mmap lock, the
// lock each of its forks takes to copy them, and a sampler at nice 19 holding it while
// preempted stalled the fork model's parent (8 % of the row's wall, 1,000 forks).
std::int64_t anonymous_kib(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(in, line);)
    if (line.rfind("RssAnon:", 0) == 0) {
      std::istringstream fields(line.substr(line.find(':') + 1));
      std::int64_t kib = 0;
      fields >> kib;
      return kib;
    }
  return 0;
}

}  // namespace

std::optional<std::int64_t> descendants_private_kib(pid_t root, const std::stop_token& stop) {
  std::vector<pid_t> children = children_of(root);
  // An only child that has children of its own (the fork model's parent process) counts with
  // all its anonymous memory, which its children share rather than own, and the sampling goes
  // on among its children: the fan-out is where the many processes are.
  std::int64_t chain = 0;
  while (children.size() == 1) {
    auto grandchildren = children_of(children.front());
    if (grandchildren.empty()) break;
    chain += anonymous_kib(children.front());
    children = std::move(grandchildren);
  }
  // Beyond kChildrenRead children, read kChildrenRead of them spread over the list (oldest to
  // newest, as the kernel lists them) and scale their sum to all.
  const std::size_t read = std::min(children.size(), kChildrenRead);
  if (read == 0) return chain;
  std::int64_t total = 0;
  for (std::size_t i = 0; i < read; ++i) {
    std::vector<pid_t> pending{children[i * children.size() / read]};
    while (!pending.empty()) {
      if (stop.stop_requested()) return std::nullopt;
      const pid_t pid = pending.back();
      pending.pop_back();
      total += private_kib(pid);  // a process that has just exited reads as 0, as it should
      const auto grandchildren = children_of(pid);
      pending.insert(pending.end(), grandchildren.begin(), grandchildren.end());
    }
  }
  return chain + total * static_cast<std::int64_t>(children.size()) / static_cast<std::int64_t>(read);
}

ChildrenMemorySampler::ChildrenMemorySampler(pid_t root)
    : root_(root), thread_([this](const std::stop_token& stop) { sample_until_stopped(stop); }) {}

ChildrenMemorySampler::~ChildrenMemorySampler() { stop(); }

std::int64_t ChildrenMemorySampler::stop() {
  if (thread_.joinable()) {
    thread_.request_stop();
    thread_.join();
  }
  return peak_kib_.load();
}

void ChildrenMemorySampler::sample_until_stopped(const std::stop_token& stop) {
  // This thread alone (Linux: a thread's nice value is its own); refused only where nice values
  // cannot be raised at all, and then sampling goes on at normal priority.
  ::setpriority(PRIO_PROCESS, static_cast<id_t>(::syscall(SYS_gettid)), kLowestPriority);
  std::chrono::nanoseconds pause = kMinInterval;
  while (true) {
    {
      std::unique_lock lock(mutex_);
      if (pause_.wait_for(lock, stop, pause, [] { return false; }) || stop.stop_requested()) return;
    }
    const std::int64_t start_ns = thread_cpu_ns();
    if (const auto kib = descendants_private_kib(root_, stop)) peak_kib_.store(std::max(peak_kib_.load(), *kib));
    const std::chrono::nanoseconds cost(thread_cpu_ns() - start_ns);
    pause = std::clamp<std::chrono::nanoseconds>(cost * kCostFactor, kMinInterval, kMaxInterval);
  }
}

}  // namespace concur
