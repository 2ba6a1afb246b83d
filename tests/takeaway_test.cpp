// Takeaways computed from what ran: one model alone against the ideal times, two models without
// their baseline against each other, several against sequential; from fixed rows.
#include <gtest/gtest.h>

#include <string>

#include "analysis/speedup_basis.hpp"
#include "analysis/takeaway.hpp"

namespace concur {
namespace {

struct RowSpec {
  std::string model;
  double wall_s;
  std::int64_t threads;
  std::int64_t processes;
  std::int64_t in_flight;
  std::int64_t cap;
  double cpu_per_wall;
};

RowSpec spec(std::string model, double wall_s, std::int64_t threads, std::int64_t processes, std::int64_t in_flight,
             std::int64_t cap, double cpu_per_wall = 0.01) {
  return RowSpec{.model = std::move(model),
                 .wall_s = wall_s,
                 .threads = threads,
                 .processes = processes,
                 .in_flight = in_flight,
                 .cap = cap,
                 .cpu_per_wall = cpu_per_wall};
}

// A scenario of `tasks` tasks of `task_s` each, with `rows`; speedups against sequential when it
// is among them, as the runner computes them.
ScenarioResult scenario(std::int64_t tasks, double task_s, const std::vector<RowSpec>& rows, Bound bound) {
  ScenarioResult s;
  s.scenario = bound == Bound::io ? "sleep" : "factorial";
  s.tasks = tasks;
  s.back_to_back_s = static_cast<double>(tasks) * task_s;
  s.perfect_overlap_s = bound == Bound::io ? task_s : s.back_to_back_s / 2;
  for (const RowSpec& r : rows) {
    ModelResult row;
    row.model = r.model;
    row.verified = true;
    row.wall_s.median = r.wall_s;
    row.cpu_s = r.wall_s * r.cpu_per_wall;
    row.cpu_utilisation = r.cpu_per_wall;
    row.os_threads = r.threads;
    row.processes = r.processes;
    row.max_in_flight = r.in_flight;
    row.in_flight_cap = r.cap;
    row.baseline = "sequential";
    s.rows.push_back(row);
  }
  for (ModelResult& row : s.rows)
    for (const ModelResult& base : s.rows)
      if (base.model == "sequential") row.speedup = base.wall_s.median / row.wall_s.median;
  return s;
}

bool says(const std::string& text, std::string_view what) { return text.find(what) != std::string::npos; }

TEST(Takeaway, OneAsyncRowSaysItsWaitsTookAboutOneTaskOnOneThread) {
  const ScenarioResult s = scenario(20, 0.1, {spec("async", 0.1002, 1, 1, 20, 20)}, Bound::io);
  EXPECT_EQ(speedup_basis(s), SpeedupBasis::ideal);
  const std::string text = compute_takeaway(s, Bound::io, 2);
  for (const char* expected :
       {"async ran 20 tasks of 100.0 ms each in 100.2 ms", "about one task's time (1.00×)", "on 1 thread",
        "all 20 were in flight at once", "concurrency without parallelism", "20.0× faster than back to back (2.00 s)"})
    EXPECT_TRUE(says(text, expected)) << expected << "\n" << text;
}

TEST(Takeaway, OneRowThatCouldNotOverlapSaysWhy) {
  const std::string blocking =
      compute_takeaway(scenario(20, 0.1, {spec("async-blocking", 2.003, 1, 1, 1, 20)}, Bound::io), Bound::io, 2);
  EXPECT_TRUE(says(blocking, "could keep 20 in flight but kept 1 on its one thread")) << blocking;
  EXPECT_TRUE(says(blocking, "1.00× the back-to-back time")) << blocking;
  const std::string pool =
      compute_takeaway(scenario(20, 0.1, {spec("pool", 1.002, 3, 1, 2, 2)}, Bound::io), Bound::io, 2);
  EXPECT_TRUE(says(pool, "kept at most 2 of 20 in flight, so its waits came in 10 rounds")) << pool;
  EXPECT_TRUE(says(pool, "2.0× faster than back to back")) << pool;
}

TEST(Takeaway, OneComputingRowSaysHowManyCoresWorked) {
  const std::string thread =
      compute_takeaway(scenario(8, 0.36, {spec("thread", 1.51, 9, 1, 8, 8, 1.95)}, Bound::cpu), Bound::cpu, 2);
  EXPECT_TRUE(says(thread, "1.9 of the 2 cores computed at once")) << thread;
  const std::string async =
      compute_takeaway(scenario(8, 0.36, {spec("async", 2.93, 1, 1, 1, 8, 1.0)}, Bound::cpu), Bound::cpu, 2);
  EXPECT_TRUE(says(async, "about one core computed at any moment")) << async;
}

TEST(Takeaway, TwoModelsWithoutTheBaselineAreComparedWithEachOther) {
  const ScenarioResult s =
      scenario(20, 0.1, {spec("thread", 0.1015, 21, 1, 20, 20), spec("async", 0.1002, 1, 1, 20, 20)}, Bound::io);
  const std::string text = compute_takeaway(s, Bound::io, 2);
  EXPECT_TRUE(says(text, "async 1.01× thread, on 1 thread instead of 21")) << text;
  EXPECT_TRUE(says(text, "both kept all 20 in flight")) << text;
  // About as fast, but the cheaper one is the subject even when it is a hair slower.
  const std::string close = compute_takeaway(
      scenario(20, 0.1, {spec("thread", 0.1001, 21, 1, 20, 20), spec("async", 0.1003, 1, 1, 20, 20)}, Bound::io),
      Bound::io, 2);
  EXPECT_TRUE(says(close, "async 1.00× thread, on 1 thread instead of 21")) << close;
  // A pair where one is capped says so.
  const std::string capped = compute_takeaway(
      scenario(20, 0.1, {spec("pool", 1.002, 3, 1, 2, 2), spec("async", 0.1003, 1, 1, 20, 20)}, Bound::io), Bound::io,
      2);
  EXPECT_TRUE(says(capped, "async 9.99× pool, on 1 thread instead of 3")) << capped;
  EXPECT_TRUE(says(capped, "pool 2.0× faster than back to back (2.00 s): it kept at most 2 of 20 in flight")) << capped;
}

TEST(Takeaway, SeveralRowsAgainstSequentialAsBefore) {
  const ScenarioResult s = scenario(20, 0.1,
                                    {spec("sequential", 2.004, 1, 1, 1, 1), spec("thread", 0.1017, 21, 1, 20, 20),
                                     spec("pool", 1.002, 3, 1, 2, 2), spec("async", 0.1003, 1, 1, 20, 20)},
                                    Bound::io);
  EXPECT_EQ(speedup_basis(s), SpeedupBasis::baseline);
  const std::string text = compute_takeaway(s, Bound::io, 2);
  EXPECT_TRUE(says(text, "thread 19.7× on 21 threads and async 20.0× on 1 thread beat sequential")) << text;
  EXPECT_TRUE(says(text, "pool kept at most 2 in flight, so its waits came in 10 rounds (2.0×)")) << text;
}

TEST(Takeaway, SeveralRowsWithoutSequentialAgainstTheIdeal) {
  const ScenarioResult s = scenario(
      20, 0.1,
      {spec("thread", 0.1017, 21, 1, 20, 20), spec("pool", 1.002, 3, 1, 2, 2), spec("async", 0.1003, 1, 1, 20, 20)},
      Bound::io);
  const std::string text = compute_takeaway(s, Bound::io, 2);
  EXPECT_TRUE(says(text,
                   "thread 19.7× on 21 threads and async 19.9× on 1 thread were fastest against the "
                   "back-to-back time"))
      << text;
  EXPECT_FALSE(says(text, "sequential")) << text;
}

TEST(Takeaway, ComputingOnOneCoreGainsNothingAndAFasterRowIsNoise) {
  // A slow sequential median on one core once made async-offload look 1.29× faster.
  const ScenarioResult s = scenario(8, 0.45,
                                    {spec("sequential", 3.69, 1, 1, 1, 1, 1.0), spec("async", 3.96, 1, 1, 1, 8, 1.0),
                                     spec("async-offload", 2.86, 2, 1, 8, 8, 1.0)},
                                    Bound::cpu);
  const std::string text = compute_takeaway(s, Bound::cpu, 1);
  EXPECT_TRUE(says(text, "8 tasks on 1 core: async 0.93× and async-offload 1.29× against sequential")) << text;
  EXPECT_TRUE(says(text, "one core computes one task at a time, so no model can gain here")) << text;
  EXPECT_TRUE(says(text, "async-offload's 1.29× is the runs' noise, not parallel work")) << text;
  EXPECT_FALSE(says(text, "beat sequential")) << text;
  // The same numbers on two cores are a parallel gain.
  EXPECT_TRUE(says(compute_takeaway(s, Bound::cpu, 2), "async-offload 1.3× on 2 threads beat sequential"));
}

TEST(Takeaway, NothingVerifiedSaysNothing) {
  ScenarioResult s = scenario(20, 0.1, {spec("async", 0.1002, 1, 1, 20, 20)}, Bound::io);
  s.rows[0].verified = false;
  EXPECT_EQ(compute_takeaway(s, Bound::io, 2), "");
}

}  // namespace
}  // namespace concur
