// Every registered model on every registered scenario, at small sizes: each run must finish,
// verify, and leave a record per task. A new model or scenario is covered without a new test.
#include <gtest/gtest.h>

#include <algorithm>
#include <ostream>
#include <string>

#include "measure/isolated_run.hpp"
#include "registry/registry.hpp"
#include "sanitizer_support.hpp"

using namespace concur;
using namespace std::chrono_literals;

namespace {

ScenarioOptions small_options() {
  ScenarioOptions o;
  o.tasks = 5;
  o.delay = 20ms;
  o.size = 192 * 1024 + 7;  // not a multiple of the read chunk: the last read is short
  o.factorial = 600;
  return o;
}

struct Case {
  const ModelInfo* model;
  const ScenarioInfo* scenario;
};

// What GoogleTest and ctest show for a case: its names, never the bytes of its pointers.
void PrintTo(const Case& c, std::ostream* os) { *os << c.model->name << " on " << c.scenario->name; }

std::vector<Case> all_cases() {
  std::vector<Case> cases;
  for (const auto& s : scenarios())
    for (const auto& m : models())
      if (test::sanitizer_follows(m.name)) cases.push_back({.model = &m, .scenario = &s});
  return cases;
}

}  // namespace

class Conformance : public testing::TestWithParam<Case> {};

// A reference model that cannot run here (no python3) is skipped, as the tool skips it.
#define SKIP_IF_UNAVAILABLE(model) \
  if ((model)->unavailable != nullptr && !(model)->unavailable().empty()) GTEST_SKIP() << (model)->unavailable()

TEST_P(Conformance, RunsVerifiesAndRecordsEveryTask) {
  const auto [model, info] = GetParam();
  SKIP_IF_UNAVAILABLE(model);
  auto scenario = info->make(small_options());
  scenario->prepare_run();
  const std::size_t n = scenario->work().size();
  const RunSample sample = run_isolated(*model, *scenario, n, 2);
  EXPECT_TRUE(sample.record.verified) << sample.failure;
  EXPECT_TRUE(sample.failure.empty()) << sample.failure;
  ASSERT_EQ(sample.tasks.size(), n);
  for (const auto& t : sample.tasks) {
    EXPECT_GT(t.pid, 0);
    EXPECT_GT(t.tid, 0);
    EXPECT_LE(t.start_ns, t.end_ns);
  }
  const Concurrency c = model->concurrency(static_cast<std::int64_t>(n), 2);
  EXPECT_GE(sample.record.max_in_flight, 1);
  EXPECT_LE(sample.record.max_in_flight, c.in_flight);
  EXPECT_GT(sample.record.wall_s, 0);
  EXPECT_GT(sample.record.peak_rss_kib, 0);
  // The measuring thread always counts, so only an upper bound can fail: no model may use more
  // threads and processes than its footprint declares, which the limit check before a run adds
  // up. A process's own thread is among the threads counted, so the two are bounded together.
  const Footprint f = model->footprint(static_cast<std::int64_t>(n), 2);
  EXPECT_LE(sample.record.os_threads, 1 + f.threads + f.processes);
  // A model that starts no process runs every task in the measuring process.
  if (f.processes == 0) {
    EXPECT_EQ(sample.record.processes, 1);
  }
}

TEST_P(Conformance, SingleTaskWarmupVerifies) {
  const auto [model, info] = GetParam();
  SKIP_IF_UNAVAILABLE(model);
  auto scenario = info->make(small_options());
  const RunSample sample = run_isolated(*model, *scenario, 1, 2);
  EXPECT_TRUE(sample.record.verified) << sample.failure;
  EXPECT_EQ(sample.record.max_in_flight, 1);
}

INSTANTIATE_TEST_SUITE_P(AllModelsAllScenarios, Conformance, testing::ValuesIn(all_cases()),
                         [](const testing::TestParamInfo<Case>& p) {
                           std::string name =
                               std::string(p.param.scenario->name) + "_" + std::string(p.param.model->name);
                           std::replace(name.begin(), name.end(), '-', '_');  // py-thread → py_thread
                           return name;
                         });

// The structural facts each model claims, measured.
TEST(ModelShape, AsyncUsesOneThreadAndOneProcess) {
  auto scenario = find_scenario("sleep")->make(small_options());
  const RunSample s = run_isolated(*find_model("async"), *scenario, scenario->work().size(), 2);
  EXPECT_EQ(s.record.os_threads, 1);
  EXPECT_EQ(s.record.processes, 1);
  EXPECT_EQ(s.record.max_in_flight, 5);
}

TEST(ModelShape, ForkUsesAProcessPerTask) {
  auto scenario = find_scenario("sleep")->make(small_options());
  const RunSample s = run_isolated(*find_model("fork"), *scenario, scenario->work().size(), 2);
  EXPECT_EQ(s.record.processes, 6);  // the measuring process and one child per task
}

TEST(ModelShape, PoolCapsTasksInFlightAtItsWorkers) {
  auto scenario = find_scenario("sleep")->make(small_options());
  const RunSample s = run_isolated(*find_model("pool"), *scenario, scenario->work().size(), 2);
  EXPECT_EQ(s.record.max_in_flight, 2);
}

TEST(ModelShape, ThreadUsesAThreadPerTask) {
  auto scenario = find_scenario("sleep")->make(small_options());
  const RunSample s = run_isolated(*find_model("thread"), *scenario, scenario->work().size(), 2);
  EXPECT_EQ(s.record.os_threads, 6);  // the measuring thread plus one per task
}

// Verification must be able to fail: a wrong outcome is caught by every scenario.
TEST(Verification, CatchesWrongOutcomes) {
  for (const auto& info : scenarios()) {
    auto scenario = info.make(small_options());
    std::vector<Outcome> outcomes;
    for (const auto& w : scenario->work()) outcomes.push_back(perform_blocking(w));
    EXPECT_TRUE(scenario->verify(outcomes).ok) << info.name;
    auto wrong = outcomes;
    wrong[2].value = wrong[2].value / 2;
    EXPECT_FALSE(scenario->verify(wrong).ok) << info.name;
    EXPECT_FALSE(scenario->verify(wrong).why.empty()) << info.name;
  }
}

TEST(Verification, FactorialCatchesAFlippedLimb) {
  auto scenario = find_scenario("factorial")->make(small_options());
  std::vector<Outcome> outcomes{perform_blocking(scenario->work()[0])};
  std::vector<std::uint64_t> flipped(outcomes[0].payload.begin(), outcomes[0].payload.end());
  flipped[1] ^= 1;
  outcomes[0].payload = flipped;
  EXPECT_FALSE(scenario->verify(outcomes).ok);
}

TEST(Verification, FilesCatchesAChangedChecksum) {
  auto scenario = find_scenario("files")->make(small_options());
  std::vector<Outcome> outcomes{perform_blocking(scenario->work()[0])};
  outcomes[0].digest ^= 1;
  EXPECT_FALSE(scenario->verify(outcomes).ok);
}

TEST(MaxInFlight, CountsOverlapsAndTreatsTouchingIntervalsAsSequential) {
  std::vector<TaskRecord> r{{0, 10, 1, 1, 1}, {10, 20, 1, 1, 1}, {5, 15, 1, 1, 1}};
  EXPECT_EQ(max_in_flight(r), 2);
  std::vector<TaskRecord> seq{{1, 2, 1, 1, 1}, {2, 3, 1, 1, 1}};
  EXPECT_EQ(max_in_flight(seq), 1);
}

// The check before a run needs every model's footprint; a model that runs threads or processes
// must say how many, and its counts must grow with what it is asked for.
TEST(ModelShape, EveryModelDeclaresItsFootprint) {
  for (const auto& m : models()) {
    ASSERT_NE(m.footprint, nullptr) << m.name;
    const Footprint small = m.footprint(10, 2), large = m.footprint(1000, 2);
    EXPECT_GE(small.threads, 0) << m.name;
    EXPECT_GE(small.processes, 0) << m.name;
    EXPECT_GE(large.threads + large.processes, small.threads + small.processes) << m.name;
    EXPECT_GE(large.resident_bytes, small.resident_bytes) << m.name;
  }
}
