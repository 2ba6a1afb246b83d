// The lessons as generous ratios between models measured in the same run: never absolute
// times, because this machine is shared and noisy.
#include <gtest/gtest.h>

#include <map>

#include "machine.hpp"
#include "registry.hpp"
#include "runner.hpp"
#include "sanitizer_support.hpp"

using namespace concur;
using namespace std::chrono_literals;

namespace {

std::map<std::string, ModelResult> measure(std::string_view scenario_name, const ScenarioOptions& options,
                                           std::initializer_list<std::string_view> model_names, int repeat) {
  const ScenarioInfo* info = find_scenario(scenario_name);
  auto scenario = info->make(options);
  RunPlan plan;
  for (const auto name : model_names)
    if (test::sanitizer_follows(name)) plan.models.push_back(find_model(name));
  plan.cores = hardware_threads();
  plan.workers = plan.cores;
  plan.repeat = repeat;
  plan.warmup = 0;
  const ScenarioResult result = measure_scenario(*info, *scenario, plan);
  std::map<std::string, ModelResult> rows;
  for (const auto& r : result.rows) {
    EXPECT_TRUE(r.verified) << r.model << ": " << r.failure;
    rows[r.model] = r;
  }
  return rows;
}

}  // namespace

TEST(Ratios, WaitsOverlapUnderThreadAsyncFiberAndFork) {
  ScenarioOptions o;
  o.tasks = 20;
  o.delay = 100ms;
  auto rows = measure("sleep", o, {"sequential", "thread", "fork", "async", "fiber"}, 1);
  const double sequential = rows["sequential"].wall_s.median;
  for (const char* m : {"thread", "fork", "async", "fiber"})
    if (rows.count(m) != 0) {
      EXPECT_LT(rows[m].wall_s.median, 0.35 * sequential) << m;
    }
  EXPECT_EQ(rows["async"].os_threads, 1);
}

TEST(Ratios, ComputingGainsOnlyFromParallelism) {
  if (hardware_threads() < 2) GTEST_SKIP() << "needs at least 2 cores";
  // Under a sanitizer every multiplication is instrumented (TSan: ~15× slower, and shared
  // shadow state between threads): speedups there measure the sanitizer, not the models.
  if (!std::string(CONCUR_SANITIZER).empty()) GTEST_SKIP() << "timing lesson: release build only";
  ScenarioOptions o;
  o.tasks = 8;
  o.factorial = 40'000;
  auto rows = measure("factorial", o, {"sequential", "thread", "fork", "pool", "async"}, 3);
  for (const char* m : {"thread", "fork", "pool"}) {
    ASSERT_TRUE(rows[m].speedup) << m;
    EXPECT_GE(*rows[m].speedup, 1.4) << m;
  }
  ASSERT_TRUE(rows["async"].speedup);
  EXPECT_LE(*rows["async"].speedup, 1.25);
}

TEST(Ratios, PoolCapsConcurrencyAtItsWorkers) {
  ScenarioOptions o;
  o.tasks = 8;
  o.delay = 50ms;
  auto rows = measure("sleep", o, {"sequential", "pool", "async"}, 1);
  EXPECT_LE(rows["pool"].max_in_flight, static_cast<std::int64_t>(hardware_threads()));
  // A pool of w workers needs about tasks/w rounds; async about one.
  EXPECT_GT(rows["pool"].wall_s.median, 2.0 * rows["async"].wall_s.median);
}
