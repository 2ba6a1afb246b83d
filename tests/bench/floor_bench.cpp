// What this machine charges before concur-demo adds anything: the same primitives the models
// use, with no bookkeeping, no scenario and no result passing. docs/performance.md sets the
// models' costs beside these floors. Not a test: timings belong to benchmarks.
//
//   floor_bench clock                 ns per steady_clock::now()
//   floor_bench faults MIB            µs per first touch of a 4 KiB page, with 4 KiB and 2 MiB pages
//   floor_bench threads N DELAY_MS    N std::threads that each sleep, then join: overhead per task
//   floor_bench forks N DELAY_MS      N forked children that each sleep, then waitpid: overhead per task
//   floor_bench create-join N         one thread at a time, created and joined at once
//   floor_bench fork-wait N           one child at a time, forked, exiting and reaped at once
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

void clock_cost() {
  constexpr int kReads = 2'000'000;
  std::int64_t sink = 0;
  const auto start = Clock::now();
  for (int i = 0; i < kReads; ++i) sink += Clock::now().time_since_epoch().count() & 1;
  std::printf("clock: %.1f ns per steady_clock::now() (%lld)\n", ms_since(start) * 1e6 / kReads,
              static_cast<long long>(sink));
}

void fault_cost(std::size_t mib, bool huge) {
  const std::size_t bytes = mib << 20;
  void* p = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) {
    std::perror("mmap");
    std::exit(1);
  }
  ::madvise(p, bytes, huge ? MADV_HUGEPAGE : MADV_NOHUGEPAGE);
  auto* bytes_p = static_cast<volatile char*>(p);
  const auto start = Clock::now();
  for (std::size_t at = 0; at < bytes; at += 4096) bytes_p[at] = 1;
  const double ms = ms_since(start);
  std::printf("faults: %zu MiB with %s pages: %.1f ms, %.2f us per 4 KiB page\n", mib, huge ? "2 MiB" : "4 KiB", ms,
              ms * 1e3 / (static_cast<double>(bytes) / 4096.0));
  ::munmap(p, bytes);
}

void threads(int n, int delay_ms) {
  const auto start = Clock::now();
  std::vector<std::thread> all;
  all.reserve(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i)
    all.emplace_back([delay_ms] { std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms)); });
  for (auto& t : all) t.join();
  const double ms = ms_since(start);
  std::printf("threads: %d x sleep %d ms: wall %.1f ms, overhead %.1f us per task\n", n, delay_ms, ms,
              (ms - delay_ms) * 1e3 / n);
}

void forks(int n, int delay_ms) {
  const auto start = Clock::now();
  std::vector<pid_t> pids;
  pids.reserve(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    const pid_t pid = ::fork();
    if (pid == 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
      ::_exit(0);
    }
    if (pid < 0) {
      std::perror("fork");
      break;
    }
    pids.push_back(pid);
  }
  for (const pid_t pid : pids) ::waitpid(pid, nullptr, 0);
  const double ms = ms_since(start);
  std::printf("forks: %d x sleep %d ms: wall %.1f ms, overhead %.1f us per task\n", n, delay_ms, ms,
              (ms - delay_ms) * 1e3 / n);
}

void create_join(int n) {
  const auto start = Clock::now();
  for (int i = 0; i < n; ++i) std::thread([] {}).join();
  std::printf("create-join: %.1f us per thread, one at a time\n", ms_since(start) * 1e3 / n);
}

void fork_wait(int n) {
  const auto start = Clock::now();
  for (int i = 0; i < n; ++i) {
    const pid_t pid = ::fork();
    if (pid == 0) ::_exit(0);
    ::waitpid(pid, nullptr, 0);
  }
  std::printf("fork-wait: %.1f us per child, one at a time\n", ms_since(start) * 1e3 / n);
}

[[noreturn]] void usage() {
  std::fprintf(stderr,
               "usage: floor_bench clock | faults MIB | threads N DELAY_MS | forks N DELAY_MS | create-join N | "
               "fork-wait N\n");
  std::exit(2);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) usage();
  const std::string what = argv[1];
  const auto arg = [&](int i) { return i < argc ? std::atoi(argv[i]) : (usage(), 0); };
  if (what == "clock") {
    clock_cost();
  } else if (what == "faults") {
    fault_cost(static_cast<std::size_t>(arg(2)), false);
    fault_cost(static_cast<std::size_t>(arg(2)), true);
  } else if (what == "threads") {
    threads(arg(2), arg(3));
  } else if (what == "forks") {
    forks(arg(2), arg(3));
  } else if (what == "create-join") {
    create_join(arg(2));
  } else if (what == "fork-wait") {
    fork_wait(arg(2));
  } else {
    usage();
  }
}
