// How the runner turns samples into rows, without a single process: the median run and its
// spread, speedups against each row's own baseline, noise verdicts and failures.
#include <gtest/gtest.h>

#include <cmath>

#include "runner_fakes.hpp"

using namespace concur;
using namespace concur::test;

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
