// Stand-ins for the runner's tests: a scripted executor instead of the measuring processes,
// which records what it was asked to run and returns fixed samples, and a scenario that counts
// how often it was prepared. Shared by runner_aggregation_test.cpp and runner_rounds_test.cpp.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <deque>
#include <map>
#include <string>
#include <vector>

#include "measure/runner.hpp"
#include "registry/registry.hpp"

namespace concur::test {

using namespace std::chrono_literals;

/// A scenario of `tasks` waits of 10 ms that counts how often it was prepared for a run.
class CountingScenario final : public Scenario {
 public:
  explicit CountingScenario(std::size_t tasks) { work_.assign(tasks, SleepWork{10ms}); }
  [[nodiscard]] std::string title() const override { return "waits counted by the test"; }
  [[nodiscard]] std::vector<Param> params() const override {
    return {{.key = "delay_ms", .value = std::int64_t{10}, .display = "10 ms"}};
  }
  [[nodiscard]] const WorkList& work() const override { return work_; }
  [[nodiscard]] Bound bound() const override { return Bound::io; }
  [[nodiscard]] std::chrono::nanoseconds task_time() const override { return 10ms; }
  void prepare_run() override { ++prepared; }
  [[nodiscard]] Verdict verify(std::span<const Outcome>) const override { return {.ok = true, .why = {}}; }

  int prepared = 0;  ///< prepare_run calls so far

 private:
  WorkList work_;
};

inline const ScenarioInfo kCounting{.name = "counting", .blurb = "", .group = "io", .lesson = "", .make = nullptr};

// One call the runner made, as the executor saw it.
struct Call {
  std::string model;
  const Scenario* scenario = nullptr;
  std::size_t tasks = 0;
  unsigned workers = 0;
  bool record_cpu = false;
  int prepared = 0;  // how often that scenario had been prepared when the run began
};

// Returns each model's scripted samples in the order they were scripted (warm-ups first) and
// records every call. A call with nothing scripted fails the test.
class ScriptedExecutor final : public Executor {
 public:
  RunSample run(const RunRequest& request, const std::function<void()>& /*tick*/) override {
    const auto* counting = dynamic_cast<const CountingScenario*>(&request.scenario);
    calls.push_back({.model = std::string(request.model.name),
                     .scenario = &request.scenario,
                     .tasks = request.tasks,
                     .workers = request.workers,
                     .record_cpu = request.record_cpu,
                     .prepared = counting != nullptr ? counting->prepared : -1});
    auto& queue = script[std::string(request.model.name)];
    if (queue.empty()) {
      ADD_FAILURE() << "no sample scripted for call " << calls.size() << " (" << request.model.name << ")";
      return {};
    }
    RunSample sample = std::move(queue.front());
    queue.pop_front();
    return sample;
  }

  std::map<std::string, std::deque<RunSample>> script;  ///< per model, in call order
  std::vector<Call> calls;                              ///< every run asked for, in order
};

// A verified sample whose other numbers follow from its wall time, so each is told apart.
inline RunSample sample(double wall_s, std::int64_t threads = 1) {
  return {.record = {.wall_s = wall_s,
                     .cpu_s = wall_s / 10,
                     .peak_rss_kib = static_cast<std::int64_t>(wall_s * 1000),
                     .os_threads = threads,
                     .processes = 1,
                     .max_in_flight = 1,
                     .verified = true},
          .failure = {},
          .note = {},
          .tasks = {}};
}

inline RunSample failed(double wall_s, std::string why) {
  RunSample s = sample(wall_s);
  s.record.verified = false;
  s.failure = std::move(why);
  return s;
}

// A sample carrying one task record whose pid marks which run it came from.
inline RunSample with_tasks(double wall_s, std::int32_t marker) {
  RunSample s = sample(wall_s);
  s.tasks = {TaskRecord{.start_ns = 0, .end_ns = 5, .pid = marker, .tid = marker, .end_tid = marker}};
  return s;
}

inline RunPlan plan_of(std::initializer_list<const char*> models, std::int64_t repeat, std::int64_t warmup = 0) {
  RunPlan plan;
  for (const char* name : models) plan.models.push_back(find_model(name));
  plan.repeat = repeat;
  plan.warmup = warmup;
  plan.workers = 2;
  plan.cores = 2;
  return plan;
}

inline const ModelResult& row_of(const ScenarioResult& result, std::string_view model) {
  for (const auto& row : result.rows)
    if (row.model == model) return row;
  static const ModelResult none;
  ADD_FAILURE() << "no row for " << model;
  return none;
}

inline std::vector<double> walls_of(const ModelResult& row) {
  std::vector<double> walls;
  for (const auto& run : row.runs) walls.push_back(run.wall_s);
  return walls;
}

}  // namespace concur::test
