// The progress line's estimate of the time left and the line itself, from fixed numbers: the
// estimate starts from the ideal times and learns from every finished run; the line fits the
// terminal it is drawn on.
#include <gtest/gtest.h>

#include <string>

#include "measure/progress.hpp"
#include "measure/time_left.hpp"
#include "report/units.hpp"

using namespace concur;

TEST(TimeLeft, BeforeAnyRunItIsTheSumOfTheIdealTimes) {
  TimeLeft t;
  t.expect("sleep/sequential", 2.0, 3);
  t.expect("sleep/async", 0.1, 3);
  EXPECT_DOUBLE_EQ(t.seconds_left({}, 0), 6.3);
  EXPECT_EQ(t.runs_left(), 6);
}

TEST(TimeLeft, AModelThatRanOnceTakesWhatItTookForItsOtherRuns) {
  TimeLeft t;
  t.expect("factorial/sequential", 1.0, 3);
  t.finished("factorial/sequential", 2.5);  // a busy machine: 2.5 times the ideal
  EXPECT_DOUBLE_EQ(t.expected_run_s("factorial/sequential"), 2.5);
  EXPECT_DOUBLE_EQ(t.seconds_left({}, 0), 5.0);
}

TEST(TimeLeft, AModelNotYetRunIsScaledByHowFarTheOthersExceededTheirIdealTimes) {
  TimeLeft t;
  t.expect("factorial/sequential", 1.0, 1);
  t.expect("factorial/thread", 0.5, 1);
  t.finished("factorial/sequential", 3.0);
  EXPECT_DOUBLE_EQ(t.expected_run_s("factorial/thread"), 1.5);
}

TEST(TimeLeft, AModelFasterThanItsIdealDoesNotMakeTheOthersLookFaster) {
  TimeLeft t;
  t.expect("a", 1.0, 1);
  t.expect("b", 2.0, 1);
  t.finished("a", 0.5);
  EXPECT_DOUBLE_EQ(t.expected_run_s("b"), 2.0);
}

TEST(TimeLeft, StartingARunCostsSomethingWhateverItsIdealTime) {
  TimeLeft t;
  t.expect("warm-up", 0.0, 1);
  t.expect("files/thread", 0.0, 1);
  t.finished("warm-up", 0.2);
  EXPECT_DOUBLE_EQ(t.expected_run_s("files/thread"), 0.2);
}

TEST(TimeLeft, TheRunUnderWayCountsOnlyForWhatItStillLacks) {
  TimeLeft t;
  t.expect("sleep/sequential", 2.0, 2);
  EXPECT_DOUBLE_EQ(t.seconds_left("sleep/sequential", 0.5), 3.5);
  // Overrunning its estimate makes it nearly done, never a negative time.
  EXPECT_DOUBLE_EQ(t.seconds_left("sleep/sequential", 9.0), 2.0);
}

TEST(TimeLeft, FinishedRunsLeaveThePlan) {
  TimeLeft t;
  t.expect("sleep/thread", 0.1, 2);
  t.finished("sleep/thread", 0.1);
  t.finished("sleep/thread", 0.1);
  EXPECT_EQ(t.runs_left(), 0);
  EXPECT_DOUBLE_EQ(t.seconds_left({}, 0), 0.0);
}

TEST(TimeLeft, ReadsAsAClassWouldSayIt) {
  EXPECT_EQ(format_time_left(0.4), "< 1 s");
  EXPECT_EQ(format_time_left(12.2), "13 s");
  EXPECT_EQ(format_time_left(61), "1 min 10 s");
  EXPECT_EQ(format_time_left(120), "2 min");
  EXPECT_EQ(format_time_left(1000), "17 min");
}

namespace {

ProgressState state() {
  return {.done = 0.45,
          .seconds_left = 6.2,
          .label = "factorial · sequential",
          .model_number = 2,
          .model_count = 3,
          .run = 1,
          .runs = 3,
          .warmup = false};
}

}  // namespace

TEST(ProgressLine, ShowsTheBarTheTimeLeftTheModelAndTheRun) {
  const std::string line = progress_line(state(), 80);
  EXPECT_EQ(line.rfind('[', 0), 0u) << line;
  EXPECT_NE(line.find("█"), std::string::npos) << line;
  EXPECT_NE(line.find("45 %"), std::string::npos) << line;
  EXPECT_NE(line.find("7 s left"), std::string::npos) << line;
  EXPECT_NE(line.find("factorial · sequential"), std::string::npos) << line;
  EXPECT_NE(line.find("model 2 of 3"), std::string::npos) << line;
  EXPECT_NE(line.find("run 1 of 3"), std::string::npos) << line;
}

TEST(ProgressLine, HalfDoneFillsHalfTheBar) {
  ProgressState s = state();
  s.done = 0.5;
  const std::string line = progress_line(s, 100);
  const std::string bar = line.substr(0, line.find(']'));
  std::size_t full = 0, empty = 0;
  for (std::size_t at = bar.find("█"); at != std::string::npos; at = bar.find("█", at + 1)) ++full;
  for (std::size_t at = bar.find("░"); at != std::string::npos; at = bar.find("░", at + 1)) ++empty;
  EXPECT_GT(full, 0u);
  EXPECT_EQ(full, empty) << line;
}

TEST(ProgressLine, NeverFillsTheLastColumnOfAnyWidth) {
  for (int width = 20; width <= 200; ++width) {
    const std::string line = progress_line(state(), width);
    EXPECT_LT(display_width(line), static_cast<std::size_t>(width)) << width << ": " << line;
  }
}

TEST(ProgressLine, OnANarrowTerminalTheRunsPlaceGoesBeforeTheTimeLeft) {
  const std::string line = progress_line(state(), 60);
  EXPECT_NE(line.find("7 s left"), std::string::npos) << line;
  EXPECT_EQ(line.find("run 1 of 3"), std::string::npos) << line;
}

TEST(ProgressLine, AWarmUpSaysSo) {
  ProgressState s = state();
  s.warmup = true;
  s.runs = 1;
  const std::string line = progress_line(s, 100);
  EXPECT_NE(line.find("warm-up 1 of 1"), std::string::npos) << line;
  EXPECT_EQ(line.find("model"), std::string::npos) << line;
}
