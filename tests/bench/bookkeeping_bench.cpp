// What the per-task bookkeeping costs: record_start + record_end for 100,000 tasks into
// preallocated storage, exactly as the models call them, timed on one thread. Printed as
// nanoseconds per task and as milliseconds per 100,000 tasks, to set beside a run's wall,
// next to the cost of the two clock reads alone (the part no record can avoid).
// Not a test: timings belong to benchmarks (docs/performance.md).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "models/model.hpp"

namespace {

// Time per task of `body(i)` for i in [0, tasks), in ns, for each of `rounds` rounds, sorted.
template <typename Body>
std::vector<double> time_per_task(std::size_t tasks, int rounds, Body body) {
  std::vector<double> per_task_ns;
  for (int r = 0; r < rounds; ++r) {
    const auto start = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < tasks; ++i) body(i);
    const auto elapsed = std::chrono::steady_clock::now() - start;
    per_task_ns.push_back(std::chrono::duration<double, std::nano>(elapsed).count() / static_cast<double>(tasks));
  }
  std::sort(per_task_ns.begin(), per_task_ns.end());
  return per_task_ns;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace concur;
  const std::size_t tasks = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 100'000;
  const int rounds = 15;
  std::vector<Work> work(tasks, SleepWork{std::chrono::nanoseconds(0)});
  std::vector<Outcome> outcomes(tasks);
  std::vector<TaskRecord> records(tasks);
  RunContext ctx{.work = work,
                 .outcomes = outcomes,
                 .records = records,
                 .workers = 1,
                 .origin = std::chrono::steady_clock::now(),
                 .note = {},
                 .record_cpu = false,
                 .placement = {}};
  const auto bookkeeping = time_per_task(tasks, rounds, [&ctx](std::size_t i) {
    record_start(ctx, i);
    record_end(ctx, i);
  });
  const auto clock_only = time_per_task(tasks, rounds, [&records](std::size_t i) {
    records[i].start_ns = std::chrono::steady_clock::now().time_since_epoch().count();
    records[i].end_ns = std::chrono::steady_clock::now().time_since_epoch().count();
  });
  const double median = bookkeeping[bookkeeping.size() / 2];
  std::printf(
      "bookkeeping: %zu tasks x %d rounds, record_start+record_end: median %.1f ns/task (min %.1f, max %.1f)"
      " = %.2f ms per 100,000 tasks\n",
      tasks, rounds, median, bookkeeping.front(), bookkeeping.back(), median * 100'000 / 1e6);
  std::printf("of which two steady_clock::now() alone: median %.1f ns/task\n", clock_only[clock_only.size() / 2]);
}
