// The c10k lesson's judge, from fixed measurements: a thread per connection costs many times an
// async connection's memory, and async holds every connection at once on one thread.
#include <gtest/gtest.h>

#include <string>

#include "registry/lesson_verdicts.hpp"
#include "registry/lessons.hpp"

using namespace concur;

namespace {

ModelResult row(const std::string& model, std::int64_t threads, std::int64_t in_flight, double kib_each) {
  ModelResult m;
  m.model = model;
  m.verified = true;
  m.wall_s.median = 0.3;
  m.os_threads = threads;
  m.processes = 1;
  m.max_in_flight = in_flight;
  m.rss_per_task_kib = kib_each;
  return m;
}

// A thousand connections: a thread each at 85 KiB, async's frames at 4 KiB on one thread.
Report report_with(ModelResult thread, ModelResult async) {
  Report report;
  report.machine.cores = 2;
  ScenarioResult s;
  s.scenario = "net";
  s.tasks = 1000;
  s.perfect_overlap_s = 0.1;
  s.rows = {std::move(thread), std::move(async)};
  report.scenarios.push_back(std::move(s));
  return report;
}

}  // namespace

TEST(LessonJudge, AThreadPerConnectionCostsManyTimesAnAsyncConnection) {
  const LessonVerdict shown = judge_c10k(report_with(row("thread", 1001, 960, 85), row("async", 1, 1000, 4.1)));
  EXPECT_EQ(shown.shown, Shown::yes) << shown.why;
  EXPECT_NE(shown.what.find("1001 threads at 85.0 KiB each"), std::string::npos) << shown.what;
  EXPECT_NE(shown.what.find("async held 1000 at once on 1 thread at 4.1 KiB each"), std::string::npos) << shown.what;

  const LessonVerdict cheap = judge_c10k(report_with(row("thread", 1001, 960, 6), row("async", 1, 1000, 4.1)));
  EXPECT_EQ(cheap.shown, Shown::no);
  EXPECT_EQ(cheap.why, "a thread per connection did not cost clearly more memory than a coroutine");

  const LessonVerdict few = judge_c10k(report_with(row("thread", 101, 100, 85), row("async", 1, 1000, 4.1)));
  EXPECT_EQ(few.why, "thread did not hold a thread per connection");

  const LessonVerdict capped = judge_c10k(report_with(row("thread", 1001, 960, 85), row("async", 1, 64, 4.1)));
  EXPECT_EQ(capped.why, "async did not hold the connections open together");

  ModelResult failed = row("async", 1, 1000, 4.1);
  failed.verified = false;
  failed.failure = "connection refused";
  EXPECT_EQ(judge_c10k(report_with(row("thread", 1001, 960, 85), failed)).shown, Shown::no);
}
