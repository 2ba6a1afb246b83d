// Fixed reports for the picture tests (HTML, timeline SVG, sweep chart): the numbers and task
// records a measurement would give, chosen so every element of a picture has something to show.
#pragma once

#include <cstdint>
#include <string>
#include <utility>

#include "analysis/row_metrics.hpp"
#include "core/results.hpp"

namespace concur::test {

inline constexpr std::int64_t kMs = 1'000'000;

/// One task's record: [start, end) in ms on thread `tid` of process `pid`, computing `share` of it.
inline TaskRecord task_record(std::int64_t start_ms, std::int64_t end_ms, std::int32_t tid, double share,
                              std::int32_t pid = 4242) {
  TaskRecord t{.start_ns = start_ms * kMs,
               .end_ns = end_ms * kMs,
               .pid = pid,
               .tid = tid,
               .end_tid = tid,
               .cpu_ns = 0,
               .resumed_ns = start_ms * kMs};
  t.cpu_ns = static_cast<std::int64_t>(share * static_cast<double>(t.end_ns - t.start_ns));
  return t;
}

/// A verified row of `tasks` whose three runs took `wall` ×0.99, ×1, ×1.01 (`spread` widens that).
inline ModelResult picture_row(std::string model, std::int64_t tasks, double wall, double spread = 0.01) {
  ModelResult r;
  r.model = std::move(model);
  r.tasks = tasks;
  r.workers = 1;
  r.verified = true;
  for (const double w : {wall * (1 - spread), wall, wall * (1 + spread)}) {
    RunRecord run;
    run.wall_s = w;
    run.cpu_s = w / 100;
    run.max_in_flight = tasks;
    run.verified = true;
    r.runs.push_back(run);
  }
  r.wall_s = {.median = wall, .min = wall * (1 - spread), .max = wall * (1 + spread), .mean = wall, .stddev = 0};
  r.cpu_s = wall / 100;
  derive_row_metrics(r);
  return r;
}

/// sleep with 4 tasks under sequential (one after another), thread (side by side on four
/// threads) and async (side by side on one thread), each with the task records of its median run.
inline Report timeline_report() {
  Report report;
  report.version = "0.1.0";
  report.machine = MachineInfo{.cores = 2,
                               .cpu = "Test CPU",
                               .os = "Linux 6.1",
                               .compiler = "g++ 12.2.0",
                               .boost = "1.81",
                               .build = "Release",
                               .flags = "-O3 -DNDEBUG",
                               .governor = {},
                               .optimised = true,
                               .warnings = {}};
  report.command_line = "concur-demo sleep --model sequential,thread,async --html r.html";
  ScenarioResult sleep;
  sleep.scenario = "sleep";
  sleep.title = "every task waits on a timer";
  sleep.params = {{"delay_ms", std::int64_t{100}, "100ms"}};
  sleep.tasks = 4;
  sleep.back_to_back_s = 0.4;
  sleep.perfect_overlap_s = 0.1;
  sleep.takeaway = "Waiting overlaps: async ran 4 sleeps in one delay on one thread.";
  ModelResult sequential = picture_row("sequential", 4, 0.4);
  for (std::int64_t i = 0; i < 4; ++i) sequential.timeline.push_back(task_record(i * 100, i * 100 + 100, 11, 0.0));
  sequential.timeline_wall_s = 0.4;
  ModelResult thread = picture_row("thread", 4, 0.1);
  for (int i = 0; i < 4; ++i) thread.timeline.push_back(task_record(0, 100, 20 + i, 0.0));
  thread.timeline_wall_s = 0.1;
  ModelResult async = picture_row("async", 4, 0.1);
  for (int i = 0; i < 4; ++i) async.timeline.push_back(task_record(0, 100, 30, 0.0));
  async.timeline_wall_s = 0.1;
  async.noise = {.range_pct = 31, .outliers = {2}, .noisy = true};
  sleep.rows = {sequential, thread, async};
  report.scenarios.push_back(std::move(sleep));
  return report;
}

/// A sweep of tasks over 5, 10 and 20 where thread and async take the same time at every point
/// (their lines lie on each other) and sequential grows.
inline Report overlapping_sweep() {
  Report report = timeline_report();
  report.scenarios.clear();
  report.sweep = SweepInfo{.key = "tasks", .unit = "tasks", .metric = "wall"};
  for (const std::int64_t tasks : {5, 10, 20}) {
    ScenarioResult block;
    block.scenario = "sleep";
    block.title = "every task waits on a timer";
    block.params = {{"delay_ms", std::int64_t{100}, "100ms"}};
    block.tasks = tasks;
    block.swept_value = static_cast<double>(tasks);
    block.swept_label = std::to_string(tasks);
    block.rows = {picture_row("thread", tasks, 0.1, 0.02), picture_row("async", tasks, 0.1, 0.02)};
    report.scenarios.push_back(std::move(block));
  }
  return report;
}

}  // namespace concur::test
