// The runner's own logic, without a single process: a scripted executor stands in for the
// measuring processes, records what it was asked to run, and returns fixed samples. What is
// checked is what the runner adds: the order of runs, the warm-ups, and how samples become rows.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <deque>
#include <map>
#include <string>
#include <vector>

#include "measure/runner.hpp"
#include "registry/registry.hpp"

using namespace concur;
using namespace std::chrono_literals;

namespace {

// A scenario of `tasks` waits of 10 ms that counts how often it was prepared for a run.
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

const ScenarioInfo kCounting{.name = "counting", .blurb = "", .group = "io", .lesson = "", .make = nullptr};

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
RunSample sample(double wall_s, std::int64_t threads = 1) {
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

RunSample failed(double wall_s, std::string why) {
  RunSample s = sample(wall_s);
  s.record.verified = false;
  s.failure = std::move(why);
  return s;
}

// A sample carrying one task record whose pid marks which run it came from.
RunSample with_tasks(double wall_s, std::int32_t marker) {
  RunSample s = sample(wall_s);
  s.tasks = {TaskRecord{.start_ns = 0, .end_ns = 5, .pid = marker, .tid = marker, .end_tid = marker}};
  return s;
}

RunPlan plan_of(std::initializer_list<const char*> models, std::int64_t repeat, std::int64_t warmup = 0) {
  RunPlan plan;
  for (const char* name : models) plan.models.push_back(find_model(name));
  plan.repeat = repeat;
  plan.warmup = warmup;
  plan.workers = 2;
  plan.cores = 2;
  return plan;
}

const ModelResult& row_of(const ScenarioResult& result, std::string_view model) {
  for (const auto& row : result.rows)
    if (row.model == model) return row;
  static const ModelResult none;
  ADD_FAILURE() << "no row for " << model;
  return none;
}

std::vector<double> walls_of(const ModelResult& row) {
  std::vector<double> walls;
  for (const auto& run : row.runs) walls.push_back(run.wall_s);
  return walls;
}

}  // namespace

TEST(Runner, AnOddCountReportsTheMiddleRunWithItsSpread) {
  CountingScenario scenario(4);
  ScriptedExecutor executor;
  executor.script["sequential"] = {sample(3.0, 1), sample(1.0, 1), sample(2.0, 1)};
  executor.script["thread"] = {sample(0.5, 5), sample(0.7, 3), sample(0.6, 4)};
  const ScenarioResult result = measure_scenario(kCounting, scenario, plan_of({"sequential", "thread"}, 3), executor);
  ASSERT_EQ(result.rows.size(), 2u);
  const ModelResult& sequential = result.rows[0];
  EXPECT_EQ(sequential.model, "sequential");
  EXPECT_EQ(walls_of(sequential), (std::vector<double>{3.0, 1.0, 2.0}));  // every run, in the order it ran
  EXPECT_DOUBLE_EQ(sequential.wall_s.median, 2.0);
  EXPECT_DOUBLE_EQ(sequential.wall_s.min, 1.0);
  EXPECT_DOUBLE_EQ(sequential.wall_s.max, 3.0);
  EXPECT_DOUBLE_EQ(sequential.wall_s.mean, 2.0);
  EXPECT_DOUBLE_EQ(sequential.wall_s.stddev, 1.0);  // sample standard deviation: sqrt((1 + 0 + 1) / 2)
  EXPECT_DOUBLE_EQ(sequential.cpu_s, 0.2);
  EXPECT_EQ(sequential.peak_rss_kib, 2000);
  EXPECT_TRUE(sequential.verified);
  EXPECT_EQ(sequential.tasks, 4);
  // The median against the model's ideal (4 tasks back to back, 10 ms each), per task.
  EXPECT_NEAR(sequential.overhead_per_task_us, (2.0 - 0.04) / 4 * 1e6, 1e-6);
  const ModelResult& thread = result.rows[1];
  EXPECT_DOUBLE_EQ(thread.wall_s.median, 0.6);
  EXPECT_EQ(thread.os_threads, 5);  // the most any run used
  // The block's facts come from the scenario.
  EXPECT_EQ(result.scenario, "counting");
  EXPECT_EQ(result.tasks, 4);
  EXPECT_DOUBLE_EQ(result.back_to_back_s, 0.04);
  EXPECT_DOUBLE_EQ(result.perfect_overlap_s, 0.01);
}

TEST(Runner, AnEvenCountReportsTheMeanOfTheMiddleTwo) {
  CountingScenario scenario(4);
  ScriptedExecutor executor;
  executor.script["sequential"] = {sample(4.0), sample(1.0), sample(3.0), sample(2.0)};
  const ScenarioResult result = measure_scenario(kCounting, scenario, plan_of({"sequential"}, 4), executor);
  const ModelResult& row = row_of(result, "sequential");
  EXPECT_DOUBLE_EQ(row.wall_s.median, 2.5);
  EXPECT_DOUBLE_EQ(row.wall_s.min, 1.0);
  EXPECT_DOUBLE_EQ(row.wall_s.max, 4.0);
  EXPECT_DOUBLE_EQ(row.wall_s.stddev, std::sqrt(5.0 / 3.0));  // deviations ±1.5, ±0.5 over n − 1 = 3
  EXPECT_DOUBLE_EQ(row.cpu_s, 0.25);
  EXPECT_EQ(row.peak_rss_kib, 2500);
}

TEST(Runner, EachRowIsComparedWithItsOwnBaseline) {
  CountingScenario scenario(4);
  ScriptedExecutor executor;
  // Walls chosen so that a row divided by the wrong baseline gives a different number.
  executor.script["sequential"] = {sample(2.0)};
  executor.script["thread"] = {sample(0.5)};
  executor.script["py-sequential"] = {sample(8.0)};
  executor.script["py-thread"] = {sample(4.0)};
  const ScenarioResult result = measure_scenario(
      kCounting, scenario, plan_of({"sequential", "thread", "py-sequential", "py-thread"}, 1), executor);
  ASSERT_TRUE(row_of(result, "sequential").speedup);
  EXPECT_DOUBLE_EQ(*row_of(result, "sequential").speedup, 1.0);
  ASSERT_TRUE(row_of(result, "thread").speedup);
  EXPECT_DOUBLE_EQ(*row_of(result, "thread").speedup, 4.0);  // 2.0 / 0.5
  ASSERT_TRUE(row_of(result, "py-sequential").speedup);
  EXPECT_DOUBLE_EQ(*row_of(result, "py-sequential").speedup, 1.0);
  ASSERT_TRUE(row_of(result, "py-thread").speedup);
  EXPECT_DOUBLE_EQ(*row_of(result, "py-thread").speedup, 2.0);  // 8.0 / 4.0, not 2.0 / 4.0
}

TEST(Runner, NoSpeedupWithoutAVerifiedBaseline) {
  CountingScenario scenario(4);
  {
    ScriptedExecutor executor;  // sequential not run at all
    executor.script["thread"] = {sample(0.5)};
    executor.script["async"] = {sample(0.25)};
    const ScenarioResult result = measure_scenario(kCounting, scenario, plan_of({"thread", "async"}, 1), executor);
    EXPECT_FALSE(row_of(result, "thread").speedup);
    EXPECT_FALSE(row_of(result, "async").speedup);
  }
  {
    ScriptedExecutor executor;  // sequential run, and failed
    executor.script["sequential"] = {failed(2.0, "task 1 returned 0, expected 1")};
    executor.script["thread"] = {sample(0.5)};
    const ScenarioResult result = measure_scenario(kCounting, scenario, plan_of({"sequential", "thread"}, 1), executor);
    EXPECT_FALSE(row_of(result, "sequential").speedup);
    EXPECT_FALSE(row_of(result, "thread").speedup);
  }
  {
    ScriptedExecutor executor;  // a failed row has no speedup of its own
    executor.script["sequential"] = {sample(2.0)};
    executor.script["thread"] = {failed(0.5, "thread creation failed")};
    const ScenarioResult result = measure_scenario(kCounting, scenario, plan_of({"sequential", "thread"}, 1), executor);
    EXPECT_TRUE(row_of(result, "sequential").speedup);
    EXPECT_FALSE(row_of(result, "thread").speedup);
  }
}

TEST(Runner, RoundsInterleaveEveryVariantAndModel) {
  CountingScenario small(3), large(6);
  ScriptedExecutor executor;
  for (const char* model : {"sequential", "async"})
    for (int i = 0; i < 2 * 3; ++i) executor.script[model].push_back(sample(1.0 + i));
  const RunPlan plan = plan_of({"sequential", "async"}, 3);
  const std::vector<Variant> variants{{.info = &kCounting, .scenario = &small, .plan = plan},
                                      {.info = &kCounting, .scenario = &large, .plan = plan}};
  const std::vector<ScenarioResult> results = measure_variants(variants, executor);
  ASSERT_EQ(results.size(), 2u);
  ASSERT_EQ(executor.calls.size(), 12u);
  // Round r: small·sequential, small·async, large·sequential, large·async; then round r + 1.
  for (std::size_t i = 0; i < executor.calls.size(); ++i) {
    const Call& call = executor.calls[i];
    const bool is_small = i % 4 < 2;
    EXPECT_EQ(call.model, i % 2 == 0 ? "sequential" : "async") << "call " << i;
    EXPECT_EQ(call.scenario, is_small ? &small : &large) << "call " << i;
    EXPECT_EQ(call.tasks, is_small ? 3u : 6u) << "call " << i;  // every task of the variant
    EXPECT_EQ(call.workers, 2u) << "call " << i;
    // Prepared afresh before every run: once per earlier run of the same variant, plus this one.
    EXPECT_EQ(call.prepared, static_cast<int>(i / 4) * 2 + static_cast<int>(i % 2) + 1) << "call " << i;
  }
  EXPECT_EQ(small.prepared, 6);
  EXPECT_EQ(large.prepared, 6);
  // Samples land in the row of the variant and model that ran them: the first sequential
  // sample (1.0) in the small block, the second (2.0) in the large one.
  EXPECT_EQ(walls_of(row_of(results[0], "sequential")), (std::vector<double>{1.0, 3.0, 5.0}));
  EXPECT_EQ(walls_of(row_of(results[1], "sequential")), (std::vector<double>{2.0, 4.0, 6.0}));
  EXPECT_EQ(results[1].tasks, 6);
}

TEST(Runner, WarmupsRunOneTaskOfTheFirstVariantAndAreNotCounted) {
  CountingScenario first(4), second(8);
  ScriptedExecutor executor;
  for (const char* model : {"sequential", "thread"}) {
    // Two warm-ups, slow and failed: neither may show in a row.
    executor.script[model] = {failed(100.0, "warm-up"), failed(100.0, "warm-up"), sample(1.0), sample(2.0)};
  }
  RunPlan plan = plan_of({"sequential", "thread"}, 1, 2);
  plan.record_tasks = true;
  const std::vector<Variant> variants{{.info = &kCounting, .scenario = &first, .plan = plan},
                                      {.info = &kCounting, .scenario = &second, .plan = plan}};
  const std::vector<ScenarioResult> results = measure_variants(variants, executor);
  ASSERT_EQ(executor.calls.size(), 4u + 4u);
  const std::vector<std::string> warmup_order{"sequential", "thread", "sequential", "thread"};
  for (std::size_t i = 0; i < 4; ++i) {
    const Call& call = executor.calls[i];
    EXPECT_EQ(call.model, warmup_order[i]) << "warm-up " << i;
    EXPECT_EQ(call.scenario, &first) << "warm-up " << i;
    EXPECT_EQ(call.tasks, 1u) << "warm-up " << i;
    EXPECT_FALSE(call.record_cpu) << "warm-up " << i;  // never recorded, even for a timeline
    EXPECT_EQ(call.prepared, static_cast<int>(i) + 1) << "warm-up " << i;
  }
  for (std::size_t i = 4; i < executor.calls.size(); ++i) EXPECT_GT(executor.calls[i].tasks, 1u) << "call " << i;
  for (const ScenarioResult& result : results)
    for (const ModelResult& row : result.rows) {
      EXPECT_EQ(row.runs.size(), 1u) << row.model;
      EXPECT_TRUE(row.verified) << row.model << ": " << row.failure;
      EXPECT_LT(row.wall_s.max, 100.0) << row.model;
    }
  EXPECT_DOUBLE_EQ(row_of(results[0], "thread").wall_s.median, 1.0);
  EXPECT_DOUBLE_EQ(row_of(results[1], "thread").wall_s.median, 2.0);
}

TEST(Runner, AnOutlierRunMakesItsRowNoisy) {
  CountingScenario scenario(4);
  ScriptedExecutor executor;
  // Four runs within 0.2 %, the fifth 15 % slow; the other row is quiet.
  executor.script["sequential"] = {sample(1.000), sample(1.001), sample(1.150), sample(1.002), sample(1.001)};
  executor.script["async"] = {sample(0.100), sample(0.1001), sample(0.1002), sample(0.1001), sample(0.1)};
  const ScenarioResult result = measure_scenario(kCounting, scenario, plan_of({"sequential", "async"}, 5), executor);
  const ModelResult& noisy = row_of(result, "sequential");
  EXPECT_TRUE(noisy.noise.noisy);
  EXPECT_EQ(noisy.noise.outliers, std::vector<std::size_t>{2});  // the third run
  EXPECT_DOUBLE_EQ(noisy.wall_s.median, 1.001);
  const ModelResult& quiet = row_of(result, "async");
  EXPECT_FALSE(quiet.noise.noisy);
  EXPECT_TRUE(quiet.noise.outliers.empty());
}

TEST(Runner, AFailedRunMakesItsRowUnverifiedWithTheFailure) {
  CountingScenario scenario(4);
  ScriptedExecutor executor;
  executor.script["sequential"] = {sample(1.0), sample(1.1), sample(1.2)};
  executor.script["fork"] = {sample(0.5), failed(0.6, "measured process killed by SIGKILL"),
                             failed(0.7, "task 3 returned 0, expected 1")};
  executor.script["fork"][0].note = "one process per task";
  const ScenarioResult result = measure_scenario(kCounting, scenario, plan_of({"sequential", "fork"}, 3), executor);
  const ModelResult& fork = row_of(result, "fork");
  EXPECT_FALSE(fork.verified);
  EXPECT_EQ(fork.failure, "measured process killed by SIGKILL");  // the first failure, as it happened
  EXPECT_EQ(fork.note, "one process per task");
  ASSERT_EQ(fork.runs.size(), 3u);
  EXPECT_TRUE(fork.runs[0].verified);
  EXPECT_FALSE(fork.runs[1].verified);
  const ModelResult& sequential = row_of(result, "sequential");
  EXPECT_TRUE(sequential.verified);
  EXPECT_EQ(sequential.failure, "");
}

TEST(Runner, TaskRecordsAreKeptForTheMedianRunOnlyAndOnlyWhenAsked) {
  CountingScenario scenario(4);
  {
    ScriptedExecutor executor;
    executor.script["thread"] = {with_tasks(3.0, 1), with_tasks(1.0, 2), with_tasks(2.0, 3)};
    RunPlan plan = plan_of({"thread"}, 3);
    plan.record_tasks = true;
    const ScenarioResult result = measure_scenario(kCounting, scenario, plan, executor);
    for (const Call& call : executor.calls) EXPECT_TRUE(call.record_cpu);
    const ModelResult& row = row_of(result, "thread");
    ASSERT_EQ(row.timeline.size(), 1u);
    EXPECT_EQ(row.timeline[0].pid, 3);  // the run of 2.0 s, the median
    EXPECT_DOUBLE_EQ(row.timeline_wall_s, 2.0);
  }
  {
    ScriptedExecutor executor;  // an even count: the lower of the middle two
    executor.script["thread"] = {with_tasks(4.0, 1), with_tasks(1.0, 2), with_tasks(3.0, 3), with_tasks(2.0, 4)};
    RunPlan plan = plan_of({"thread"}, 4);
    plan.record_tasks = true;
    const ModelResult row = row_of(measure_scenario(kCounting, scenario, plan, executor), "thread");
    ASSERT_EQ(row.timeline.size(), 1u);
    EXPECT_EQ(row.timeline[0].pid, 4);
    EXPECT_DOUBLE_EQ(row.timeline_wall_s, 2.0);
  }
  {
    ScriptedExecutor executor;  // the median run failed: no timeline to show
    RunSample broken = with_tasks(2.0, 3);
    broken.record.verified = false;
    broken.failure = "task 2 returned 0, expected 1";
    executor.script["thread"] = {with_tasks(3.0, 1), with_tasks(1.0, 2), std::move(broken)};
    RunPlan plan = plan_of({"thread"}, 3);
    plan.record_tasks = true;
    const ModelResult row = row_of(measure_scenario(kCounting, scenario, plan, executor), "thread");
    EXPECT_TRUE(row.timeline.empty());
  }
  {
    ScriptedExecutor executor;  // not asked for
    executor.script["thread"] = {with_tasks(3.0, 1), with_tasks(1.0, 2), with_tasks(2.0, 3)};
    const ScenarioResult result = measure_scenario(kCounting, scenario, plan_of({"thread"}, 3), executor);
    for (const Call& call : executor.calls) EXPECT_FALSE(call.record_cpu);
    EXPECT_TRUE(row_of(result, "thread").timeline.empty());
    EXPECT_DOUBLE_EQ(row_of(result, "thread").timeline_wall_s, 0.0);
  }
}
