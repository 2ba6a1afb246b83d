// CPU time through every model. When a timeline or trace is asked for, each task's record must
// carry the CPU time the task itself spent: that is what draws a task as computing rather than
// waiting, and what fills the "cores busy" lane. A model that drops the request on the way (the
// fork model's children once did) shows its computing tasks as waiting, so every registered
// model runs a computing scenario here and each of its tasks is checked.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "measure/isolated_run.hpp"
#include "registry/registry.hpp"
#include "sanitizer_support.hpp"

using namespace concur;

namespace {

// A few milliseconds of computing per task: long enough to dwarf clock granularity, short
// enough that the Python rows finish quickly too.
constexpr std::uint32_t kFactorial = 4000;
constexpr std::int64_t kTasks = 3;
constexpr unsigned kWorkers = 2;
// A task's CPU time is read inside its wall span (after its start, before its end), so it can
// exceed the span only by the clocks' granularity; a millisecond is generous for that.
constexpr std::int64_t kSlackNs = 1'000'000;

// Every registered model this build's sanitizer can follow; `cpp_only` leaves out the Python rows.
std::vector<std::string> model_names(bool cpp_only) {
  std::vector<std::string> names;
  for (const auto& m : models())
    if (test::sanitizer_follows(m.name) && !(cpp_only && m.kind == ModelKind::reference)) names.emplace_back(m.name);
  return names;
}

// Test names are the models' names (py-thread → py_thread), never the parameter's bytes.
std::string test_name(const testing::TestParamInfo<std::string>& p) {
  std::string name = p.param;
  std::replace(name.begin(), name.end(), '-', '_');
  return name;
}

RunSample run_factorial(const ModelInfo& model, bool record_cpu) {
  ScenarioOptions options;
  options.tasks = kTasks;
  options.factorial = kFactorial;
  const auto scenario = find_scenario("factorial")->make(options);
  return run_isolated(model, *scenario, scenario->work().size(), kWorkers, record_cpu);
}

}  // namespace

class CpuTime : public testing::TestWithParam<std::string> {
 protected:
  // The model under test; the parameter is a name taken from the registry, so it is there.
  const ModelInfo& model() const { return *find_model(GetParam()); }
};

TEST_P(CpuTime, EveryComputingTaskRecordsItsCpuTimeWithinItsWallSpan) {
  const ModelInfo& m = model();
  // A reference model that cannot run here (no python3) is skipped, as the tool skips it.
  if (m.unavailable != nullptr && !m.unavailable().empty()) GTEST_SKIP() << m.unavailable();
  const RunSample sample = run_factorial(m, /*record_cpu=*/true);
  ASSERT_TRUE(sample.record.verified) << sample.failure;
  ASSERT_EQ(sample.tasks.size(), static_cast<std::size_t>(kTasks));
  for (std::size_t i = 0; i < sample.tasks.size(); ++i) {
    const TaskRecord& t = sample.tasks[i];
    const std::int64_t span = t.end_ns - t.start_ns;
    EXPECT_GT(t.cpu_ns, 0) << m.name << " task " << i << " computed " << kFactorial
                           << "! but recorded no CPU time: its timeline would show it waiting";
    EXPECT_LE(t.cpu_ns, span + kSlackNs) << m.name << " task " << i << ": " << t.cpu_ns
                                         << " ns of CPU time in a span of " << span << " ns";
  }
}

INSTANTIATE_TEST_SUITE_P(EveryModel, CpuTime, testing::ValuesIn(model_names(false)), test_name);

// The other half of the contract: CPU time is read only when asked for (a read per suspension
// is the biggest part of the bookkeeping), so the test above passes because of the request.
// Only the C++ models: the Python program always times its tasks (its clock reads are cheap
// next to the interpreter).
class CpuTimeUnasked : public CpuTime {};

TEST_P(CpuTimeUnasked, IsNotRecorded) {
  const ModelInfo& m = model();
  const RunSample sample = run_factorial(m, /*record_cpu=*/false);
  ASSERT_TRUE(sample.record.verified) << sample.failure;
  for (const TaskRecord& t : sample.tasks) EXPECT_EQ(t.cpu_ns, 0) << m.name;
}

INSTANTIATE_TEST_SUITE_P(EveryCppModel, CpuTimeUnasked, testing::ValuesIn(model_names(true)), test_name);
