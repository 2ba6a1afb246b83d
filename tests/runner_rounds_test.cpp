// What the runner asks to be run, and in which order, without a single process: interleaved
// rounds, warm-ups, and which run's task records it keeps.
#include <gtest/gtest.h>

#include "runner_fakes.hpp"

using namespace concur;
using namespace concur::test;

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
