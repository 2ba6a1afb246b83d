// The lessons' judges, from fixed measurements (a lesson that showed, and one that did not, for
// each), and the causes a verdict names. The command itself: lesson_command_test.cpp.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "registry/lesson_cause.hpp"
#include "registry/lesson_verdicts.hpp"
#include "registry/lessons.hpp"

using namespace concur;

namespace {

struct RowSpec {
  std::string model;
  double wall_s = 0;
  std::optional<double> speedup = std::nullopt;
  std::int64_t threads = 1;
  std::int64_t processes = 1;
  std::int64_t in_flight = 1;
  std::int64_t cap = 1;  // tasks the model could keep in flight
  double cpu_s = 0;
  std::int64_t workers = 1;
};

ModelResult row(const RowSpec& r) {
  ModelResult m;
  m.model = r.model;
  m.verified = true;
  m.wall_s.median = r.wall_s;
  m.speedup = r.speedup;
  m.os_threads = r.threads;
  m.processes = r.processes;
  m.max_in_flight = r.in_flight;
  m.in_flight_cap = r.cap;
  m.cpu_s = r.cpu_s;
  m.workers = r.workers;
  return m;
}

// One scenario of `tasks` waits of `delay_s` each (or computations: the delay is then unused).
Report report_of(std::int64_t tasks, double delay_s, const std::vector<RowSpec>& rows, std::int64_t cores = 2) {
  Report report;
  report.machine.cores = cores;
  ScenarioResult s;
  s.scenario = "sleep";
  s.tasks = tasks;
  s.perfect_overlap_s = delay_s;
  s.back_to_back_s = delay_s * static_cast<double>(tasks);
  for (const RowSpec& r : rows) s.rows.push_back(row(r));
  report.scenarios.push_back(std::move(s));
  return report;
}

}  // namespace

TEST(LessonJudge, AsyncOnOneThreadInAboutOneDelayShowsConcurrencyWithoutParallelism) {
  const LessonVerdict v = judge_concurrency_not_parallelism(
      report_of(100, 0.1, {{.model = "async", .wall_s = 0.101, .in_flight = 100, .cap = 100}}));
  EXPECT_EQ(v.shown, Shown::yes) << v.why;
  EXPECT_NE(v.what.find("async finished 100 waits in 1.01 delays on 1 thread"), std::string::npos) << v.what;
}

TEST(LessonJudge, AsyncThatTookThreeDelaysDoesNotShowIt) {
  const LessonVerdict v = judge_concurrency_not_parallelism(
      report_of(100, 0.1, {{.model = "async", .wall_s = 0.3, .in_flight = 100, .cap = 100}}));
  EXPECT_EQ(v.shown, Shown::no);
  EXPECT_NE(v.why.find("3.00 delays"), std::string::npos) << v.why;
}

TEST(LessonJudge, AMissingOrFailedRowIsNotShownAndSaysWhy) {
  EXPECT_EQ(judge_concurrency_not_parallelism(report_of(10, 0.1, {})).why, "no async row was measured");
  Report failed = report_of(10, 0.1, {{.model = "async", .wall_s = 0.1, .in_flight = 10, .cap = 10}});
  failed.scenarios[0].rows[0].verified = false;
  failed.scenarios[0].rows[0].failure = "task 3 slept too little";
  const LessonVerdict v = judge_concurrency_not_parallelism(failed);
  EXPECT_EQ(v.shown, Shown::no);
  EXPECT_EQ(v.why, "async failed: task 3 slept too little");
}

TEST(LessonJudge, WaitsOverlapUnderEveryModelThatCanKeepThemInFlight) {
  const std::vector<RowSpec> rows{{.model = "sequential", .wall_s = 1.0, .speedup = 1.0},
                                  {.model = "thread", .wall_s = 0.102, .speedup = 9.8, .threads = 11, .cap = 10},
                                  {.model = "async", .wall_s = 0.101, .speedup = 9.9, .cap = 10}};
  EXPECT_EQ(judge_waiting_overlaps(report_of(10, 0.1, rows)).shown, Shown::yes);
  std::vector<RowSpec> slow = rows;
  slow[2].wall_s = 0.35;
  const LessonVerdict v = judge_waiting_overlaps(report_of(10, 0.1, slow));
  EXPECT_EQ(v.shown, Shown::no);
  EXPECT_NE(v.why.find("async took 3.50 delays"), std::string::npos) << v.why;
}

TEST(LessonJudge, ComputingNeedsThreadsToGainAndAsyncNotTo) {
  const std::vector<RowSpec> rows{{.model = "sequential", .wall_s = 1.0, .speedup = 1.0},
                                  {.model = "thread", .wall_s = 0.52, .speedup = 1.92, .threads = 5},
                                  {.model = "async", .wall_s = 1.0, .speedup = 1.0}};
  EXPECT_EQ(judge_computing_needs_cores(report_of(4, 0.25, rows)).shown, Shown::yes);
  std::vector<RowSpec> busy = rows;
  busy[1].speedup = 1.05;
  const LessonVerdict v = judge_computing_needs_cores(report_of(4, 0.25, busy));
  EXPECT_EQ(v.shown, Shown::no);
  EXPECT_EQ(v.why, "thread gained only 1.05×");
}

TEST(LessonJudge, ProcessesCostMoreCpuThanThreads) {
  const auto report = [](double fork_cpu) {
    return report_of(300, 0.01,
                     {{.model = "thread", .wall_s = 0.02, .threads = 301, .cap = 300, .cpu_s = 0.02},
                      {.model = "fork", .wall_s = 0.15, .processes = 301, .cap = 300, .cpu_s = fork_cpu}});
  };
  EXPECT_EQ(judge_processes_cost_more(report(0.12)).shown, Shown::yes);
  EXPECT_EQ(judge_processes_cost_more(report(0.021)).shown, Shown::no);
}

TEST(LessonJudge, MovingDataIsTheTimeFromTheLastTaskToTheEndOfTheRun) {
  Report report = report_of(2, 0.2, {{.model = "thread", .wall_s = 0.2}, {.model = "fork", .wall_s = 0.21}});
  const auto records = [](ModelResult& row, double wall_s, std::int64_t last_end_ns) {
    row.timeline_wall_s = wall_s;
    row.timeline = {TaskRecord{.start_ns = 0, .end_ns = last_end_ns, .pid = 1, .tid = 1, .end_tid = 1}};
  };
  records(report.scenarios[0].rows[0], 0.2, 199'990'000);   // thread: 0.01 ms after
  records(report.scenarios[0].rows[1], 0.21, 200'000'000);  // fork: 10 ms after
  const LessonVerdict v = judge_moving_data_costs(report);
  EXPECT_EQ(v.shown, Shown::yes) << v.why;
  EXPECT_NE(v.what.find("10.00 ms"), std::string::npos) << v.what;
  records(report.scenarios[0].rows[1], 0.2, 199'990'000);  // fork as quick as thread: nothing moved
  EXPECT_EQ(judge_moving_data_costs(report).shown, Shown::no);
}

TEST(LessonJudge, APoolOfTwoWaitsInRoundsOfTwo) {
  const RowSpec pool{.model = "pool", .wall_s = 0.5, .threads = 3, .in_flight = 2, .cap = 2, .workers = 2};
  EXPECT_EQ(judge_pool_caps_concurrency(report_of(10, 0.1, {pool})).shown, Shown::yes);
  RowSpec all_at_once = pool;
  all_at_once.wall_s = 0.1;
  all_at_once.in_flight = 10;
  EXPECT_EQ(judge_pool_caps_concurrency(report_of(10, 0.1, {all_at_once})).shown, Shown::no);
}

TEST(LessonJudge, ABlockingCallKeepsOneTaskInFlight) {
  const RowSpec blocking{.model = "async-blocking", .wall_s = 1.0, .speedup = 1.0, .cap = 10};
  const RowSpec async{.model = "async", .wall_s = 0.1, .speedup = 10.0, .in_flight = 10, .cap = 10};
  EXPECT_EQ(judge_blocking_stalls_the_loop(report_of(10, 0.1, {blocking, async})).shown, Shown::yes);
  RowSpec overlapping = blocking;
  overlapping.in_flight = 10;
  EXPECT_EQ(judge_blocking_stalls_the_loop(report_of(10, 0.1, {overlapping, async})).shown, Shown::no);
}

TEST(LessonJudge, OffloadingGainsWhereTheLoopAloneDoesNot) {
  const RowSpec async{.model = "async", .wall_s = 1.0, .speedup = 1.0};
  RowSpec offload{.model = "async-offload", .wall_s = 0.55, .speedup = 1.8, .threads = 3};
  EXPECT_EQ(judge_offload_computing(report_of(4, 0.25, {async, offload})).shown, Shown::yes);
  offload.speedup = 1.0;
  EXPECT_EQ(judge_offload_computing(report_of(4, 0.25, {async, offload})).shown, Shown::no);
}

TEST(LessonJudge, CountUnderAsyncHasAllThreeWaitingAtOnce) {
  const RowSpec async{.model = "async", .wall_s = 0.2, .in_flight = 3, .cap = 3};
  const RowSpec sequential{.model = "sequential", .wall_s = 0.6};
  EXPECT_EQ(judge_coroutines_pause_and_resume(report_of(3, 0.2, {sequential, async})).shown, Shown::yes);
  RowSpec one_by_one = async;
  one_by_one.in_flight = 1;
  one_by_one.wall_s = 0.6;
  EXPECT_EQ(judge_coroutines_pause_and_resume(report_of(3, 0.2, {sequential, one_by_one})).shown, Shown::no);
}

TEST(LessonJudge, PythonThreadsGainNothingOnComputingAndProcessesDo) {
  RowSpec threads{.model = "py-thread", .wall_s = 1.0, .speedup = 1.0, .threads = 5};
  const RowSpec processes{.model = "py-process", .wall_s = 0.55, .speedup = 1.8, .processes = 3};
  EXPECT_EQ(judge_python_gil(report_of(4, 0.25, {threads, processes})).shown, Shown::yes);
  threads.speedup = 1.8;
  const LessonVerdict v = judge_python_gil(report_of(4, 0.25, {threads, processes}));
  EXPECT_EQ(v.shown, Shown::no);
  EXPECT_EQ(v.why, "py-thread gained 1.80×");
}

TEST(LessonCause, OneCoreBusyMachineOrNoisyRunsInThatOrder) {
  const Lesson& computing = *find_lesson("computing-needs-cores");
  Report report = report_of(4, 0.25, {{.model = "thread", .wall_s = 1.0}});
  EXPECT_EQ(likely_cause(computing, report, {.cores = 1, .load_average = 9}),
            "this machine has 1 core, and a parallel gain needs 2");
  EXPECT_EQ(likely_cause(computing, report, {.cores = 2, .load_average = 9}),
            "the machine was busy (load average 9.0 on 2 cores)");
  EXPECT_EQ(likely_cause(computing, report, {.cores = 2, .load_average = 1}), "");
  report.scenarios[0].rows[0].noise = {.range_pct = 41, .outliers = {}, .noisy = true};
  EXPECT_EQ(likely_cause(computing, report, {.cores = 2, .load_average = 1}),
            "the runs were noisy (thread's spread over 41 % of its median)");
}

TEST(LessonCause, ALessonOfParallelismNeedsTwoCores) {
  EXPECT_NE(missing_cores(*find_lesson("computing-needs-cores"), 1), "");
  EXPECT_EQ(missing_cores(*find_lesson("computing-needs-cores"), 2), "");
  EXPECT_EQ(missing_cores(*find_lesson("waiting-overlaps"), 1), "");
}

TEST(LessonCause, AGainMeasuredOnFewerCoresThanTheLessonNeedsIsNotShown) {
  // A slow sequential run on one core once made async-offload look 1.29× faster.
  const Lesson& offloading = *find_lesson("offload-computing");
  const RowSpec async{.model = "async", .wall_s = 1.0, .speedup = 1.0};
  const RowSpec offload{.model = "async-offload", .wall_s = 0.75, .speedup = 1.3, .threads = 2};
  EXPECT_EQ(judge_here(offloading, report_of(8, 0.5, {async, offload}, 2)).shown, Shown::yes);
  const LessonVerdict one_core = judge_here(offloading, report_of(8, 0.5, {async, offload}, 1));
  EXPECT_EQ(one_core.shown, Shown::no);
  EXPECT_NE(one_core.what.find("async-offload 1.30×"), std::string::npos) << one_core.what;
  EXPECT_EQ(one_core.why, "that gain is the runs' noise, not parallel work");
  // A lesson about waiting needs no second core: one core does not overrule it.
  const RowSpec waits{.model = "async", .wall_s = 0.101, .in_flight = 100, .cap = 100};
  EXPECT_EQ(judge_here(*find_lesson("concurrency-not-parallelism"), report_of(100, 0.1, {waits}, 1)).shown, Shown::yes);
}

TEST(LessonCause, EveryLessonHasACommandACheckAndAJudge) {
  for (const Lesson& l : lessons()) {
    EXPECT_EQ(l.command.rfind("concur-demo ", 0), 0u) << l.name;
    EXPECT_EQ(l.check.rfind("concur-demo ", 0), 0u) << l.name;
    EXPECT_NE(l.judge, nullptr) << l.name;
  }
}
