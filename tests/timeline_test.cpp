// Timelines drawn from fixed records: lanes per task or per place, summarised where lanes look
// the same, computing and waiting cells, the sparklines.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "report/lanes.hpp"
#include "report/timeline.hpp"
#include "task_records.hpp"

using namespace concur;
using test::kMs;
using test::task;

namespace {

// The cells of a lane: what sits between its two │ bars.
std::string cells_of(const std::string& line) {
  const std::string bar = "│";
  const auto open = line.find(bar);
  const auto close = line.rfind(bar);
  if (open == std::string::npos || close == open) return {};
  return line.substr(open + bar.size(), close - open - bar.size());
}

std::size_t count_of(const std::string& text, std::string_view glyph) {
  std::size_t n = 0;
  for (auto at = text.find(glyph); at != std::string::npos; at = text.find(glyph, at + glyph.size())) ++n;
  return n;
}

TimelineLayout layout_of(double scale_s, int width = 80) { return TimelineLayout{width, scale_s, 2}; }

}  // namespace

TEST(Timeline, OneLanePerTaskWithComputingWaitingAndIdle) {
  // Task 1 computes 0–50 ms on thread A; task 2 waits 50–100 ms on thread B.
  const std::vector<TaskRecord> tasks{task(0, 50, 7, 1.0), task(50, 100, 8, 0.0)};
  const auto lines = render_timeline(tasks, layout_of(0.1));
  ASSERT_GE(lines.size(), 4u);
  EXPECT_NE(lines[0].find("task 1 thread 1"), std::string::npos) << lines[0];
  EXPECT_NE(lines[1].find("task 2 thread 2"), std::string::npos) << lines[1];
  const std::string first = cells_of(lines[0]), second = cells_of(lines[1]);
  EXPECT_EQ(count_of(first, "░"), 0u) << first;
  EXPECT_GT(count_of(first, "█"), 0u);
  EXPECT_EQ(count_of(second, "█"), 0u) << second;
  EXPECT_GT(count_of(second, "░"), 0u);
  // Idle halves are blank: task 1 ends where task 2 begins.
  EXPECT_EQ(first.back(), ' ');
  EXPECT_EQ(second.front(), ' ');
  EXPECT_NE(lines[2].find("in flight"), std::string::npos);
  EXPECT_NE(lines[2].find("max 1"), std::string::npos) << lines[2];
}

TEST(Timeline, ComputingShareShowsAsShareOfCells) {
  const std::vector<TaskRecord> tasks{task(0, 100, 7, 0.25)};
  const auto lines = render_timeline(tasks, layout_of(0.1));
  const std::string cells = cells_of(lines[0]);
  const double full = static_cast<double>(count_of(cells, "█")), wait = static_cast<double>(count_of(cells, "░"));
  ASSERT_GT(full + wait, 20);
  EXPECT_NEAR(full / (full + wait), 0.25, 0.05) << cells;
}

TEST(Timeline, OffloadedTaskWaitsThenComputesWhereItResumed) {
  TaskRecord t = task(0, 100, 7, 0.5);
  t.end_tid = 9;            // finished on a pool thread
  t.resumed_ns = 50 * kMs;  // its computation began there at 50 ms
  const std::vector<TaskRecord> tasks{t};
  const auto lines = render_timeline(tasks, layout_of(0.1));
  EXPECT_NE(lines[0].find("thread 1→2"), std::string::npos) << lines[0];
  const std::string cells = cells_of(lines[0]);
  const auto first_full = cells.find("█");
  ASSERT_NE(first_full, std::string::npos);
  EXPECT_EQ(count_of(cells.substr(0, first_full), "░"), count_of(cells, "░"))
      << "waits only before computing: " << cells;
}

TEST(Timeline, ManyTasksGetOneLanePerThreadAndASparkline) {
  // Forty short tasks one after another, the first twenty on one thread, the rest on another:
  // too many different lanes per task, so one lane per thread.
  std::vector<TaskRecord> tasks;
  tasks.reserve(40);
  for (std::int64_t i = 0; i < 40; ++i) tasks.push_back(task(i * 10, i * 10 + 10, i < 20 ? 7 : 8, 1.0));
  const auto lines = render_timeline(tasks, layout_of(0.4));
  ASSERT_GE(lines.size(), 4u);
  EXPECT_NE(lines[0].find("thread 1 · 20 tasks"), std::string::npos) << lines[0];
  EXPECT_NE(lines[1].find("thread 2 · 20 tasks"), std::string::npos) << lines[1];
  EXPECT_NE(lines[2].find("in flight"), std::string::npos) << lines[2];
}

TEST(Timeline, LanesThatLookTheSameAreDrawnOnceWithACount) {
  // A hundred threads each waiting once at the same time: one lane, not a screenful.
  std::vector<TaskRecord> threads;
  threads.reserve(100);
  for (int i = 0; i < 100; ++i) threads.push_back(task(0, 100, 1000 + i, 0.0));
  auto lines = render_timeline(threads, layout_of(0.1));
  ASSERT_EQ(lines.size(), 3u) << "one lane, in flight, the axis";
  EXPECT_NE(lines[0].find("threads 1–100 · 1 task each"), std::string::npos) << lines[0];
  EXPECT_NE(lines[1].find("max 100"), std::string::npos) << lines[1];
  // The same hundred waits on one thread (async): the place tells the two models apart.
  const std::vector<TaskRecord> loop(100, task(0, 100, 7, 0.0));
  lines = render_timeline(loop, layout_of(0.1));
  EXPECT_NE(lines[0].find("tasks 1–100 · thread 1"), std::string::npos) << lines[0];
  // A pool of two working through 100 tasks in turns: both threads busy throughout.
  std::vector<TaskRecord> pool;
  pool.reserve(100);
  for (std::int64_t i = 0; i < 100; ++i)
    pool.push_back(task(i / 2 * 2, i / 2 * 2 + 2, static_cast<std::int32_t>(7 + i % 2), 1.0));
  lines = render_timeline(pool, layout_of(0.1));
  EXPECT_NE(lines[0].find("threads 1–2 · 50 tasks each"), std::string::npos) << lines[0];
  EXPECT_EQ(count_of(cells_of(lines[0]), "░"), 0u) << "computing throughout: " << lines[0];
}

TEST(Timeline, LanesAreCappedWhenEveryTaskHasItsOwnThread) {
  // Forty threads, each busy at its own time: forty different lanes, 31 drawn and the rest merged.
  std::vector<TaskRecord> tasks;
  tasks.reserve(40);
  for (std::int64_t i = 0; i < 40; ++i)
    tasks.push_back(task(i * 10, i * 10 + 10, static_cast<std::int32_t>(1000 + i), 0.0));
  const auto lines = render_timeline(tasks, layout_of(0.4, 200));
  std::size_t lanes = 0;
  for (const auto& l : lines)
    if (l.find("thread ") != std::string::npos || l.find(" more · ") != std::string::npos) ++lanes;
  EXPECT_EQ(lanes, kMaxLanes);
  EXPECT_NE(std::find_if(lines.begin(), lines.end(),
                         [](const std::string& l) { return l.find("9 more · 9 tasks") != std::string::npos; }),
            lines.end());
}

TEST(Timeline, ProcessesAreNamedAsProcesses) {
  std::vector<TaskRecord> tasks{task(0, 10, 501, 0, 501), task(10, 20, 502, 0, 502)};
  auto lines = render_timeline(tasks, layout_of(0.02));
  EXPECT_NE(lines[0].find("proc 1"), std::string::npos) << lines[0];
  EXPECT_NE(lines[1].find("proc 2"), std::string::npos) << lines[1];
  tasks[1] = task(0, 10, 502, 0, 502);
  lines = render_timeline(tasks, layout_of(0.02));
  EXPECT_NE(lines[0].find("procs 1–2 · 1 task each"), std::string::npos) << lines[0];
}

TEST(Timeline, NumberRangesAreShortOrLeftOut) {
  EXPECT_EQ(number_ranges({3, 1, 2, 4}), "1–4");
  EXPECT_EQ(number_ranges({1, 3, 7}), "1, 3, 7");
  EXPECT_EQ(number_ranges({2, 3, 4, 5, 9}), "2–5, 9");
  EXPECT_EQ(number_ranges({1, 3, 5, 7, 9, 11}), "");  // too long: the caller says "6 tasks"
}

TEST(Timeline, EveryRowOfATableKeepsOneLabelWidthAndSoOneTimeScale) {
  // Twenty threads waiting alike but the eleventh, which waits longer: "threads 1–10, 12–20 · 1 task
  // each" would be wider than the label column, so the lane says how many instead, and its bars
  // start in the same column as those of a row with short labels.
  std::vector<TaskRecord> threads;
  threads.reserve(20);
  for (std::int32_t i = 0; i < 20; ++i) threads.push_back(task(0, i == 10 ? 100 : 50, 1000 + i, 0.0));
  const auto many = render_timeline(threads, layout_of(0.1));
  ASSERT_GE(many.size(), 3u);
  EXPECT_NE(many[0].find("19 threads · 1 task each"), std::string::npos) << many[0];
  const std::vector<TaskRecord> one{task(0, 100, 7, 0.0)};
  const auto few = render_timeline(one, layout_of(0.1));
  ASSERT_GE(few.size(), 2u);
  // Columns, not bytes: the en dash and the dot take several bytes and one column each.
  const auto columns = [](const std::string& text) {
    return std::count_if(text.begin(), text.end(),
                         [](char c) { return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U; });
  };
  EXPECT_EQ(columns(many[0].substr(0, many[0].find("│"))), columns(few[0].substr(0, few[0].find("│"))))
      << many[0] << "\n"
      << few[0];
  EXPECT_EQ(columns(many[0]), columns(few[0])) << "as many cells";
}
