// The live view's drawing, from fixed records: which lanes a run gets, how a task's cells read
// (computing, waiting, not yet started) while it runs and once it ended, and that a screen never
// outgrows the terminal it is drawn on.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "core/task_record.hpp"
#include "report/live/live_lanes.hpp"
#include "report/live/live_screen.hpp"
#include "report/terminal_text.hpp"

using namespace concur;

namespace {

constexpr std::int64_t kMs = 1'000'000;

// A finished task of thread `tid`, from `start_ms` to `end_ms`, that computed `cpu_ms` of it.
TaskRecord ended(std::int32_t tid, std::int64_t start_ms, std::int64_t end_ms, std::int64_t cpu_ms) {
  return {.start_ns = start_ms * kMs,
          .end_ns = end_ms * kMs,
          .pid = 100,
          .tid = tid,
          .end_tid = tid,
          .cpu_ns = cpu_ms * kMs,
          .resumed_ns = start_ms * kMs};
}

// A task still running on thread `tid` since `start_ms`, paused (waiting) or not.
TaskRecord running(std::int32_t tid, std::int64_t start_ms, bool paused) {
  return {.start_ns = start_ms * kMs,
          .end_ns = 0,
          .pid = 100,
          .tid = tid,
          .end_tid = 0,
          .cpu_ns = paused ? 0 : -5 * kMs,  // a running stretch holds a negative offset
          .resumed_ns = start_ms * kMs};
}

// The cells of a lane line: what lies between its two bars.
std::string cells(const std::string& line) {
  const std::string bar = "│";
  const auto open = line.find(bar);
  const auto close = line.rfind(bar);
  if (open == std::string::npos || close <= open) return {};
  return line.substr(open + bar.size(), close - open - bar.size());
}

std::size_t count(const std::string& text, const std::string& glyph) {
  std::size_t n = 0;
  for (auto at = text.find(glyph); at != std::string::npos; at = text.find(glyph, at + glyph.size())) ++n;
  return n;
}

}  // namespace

TEST(LiveLanes, EveryTaskItsOwnLaneWhenTheyFitElseWorkersOrGroups) {
  EXPECT_EQ(choose_lane_mode(20, 20, 1), LaneMode::per_task);
  EXPECT_EQ(choose_lane_mode(100, 18, 2), LaneMode::per_place);  // pool(2): its two lanes are the lesson
  EXPECT_EQ(choose_lane_mode(100, 18, 100), LaneMode::grouped);  // a thread per task
  EXPECT_EQ(choose_lane_mode(100, 18, 1), LaneMode::grouped);    // sequential, async
}

TEST(LiveLanes, AFinishedTaskReadsComputingOrWaitingFromItsCpuTime) {
  LiveLanes lanes(3, LaneMode::per_task, 3);
  const std::vector<TaskRecord> records{ended(1, 0, 100, 95), ended(1, 100, 200, 0), {}};
  lanes.observe(records, 200 * kMs, {});
  const auto lines = lanes.draw(80, 300 * kMs, 2, false);
  ASSERT_EQ(lines.size(), 4u);  // three lanes and "in flight"
  const std::string computed = cells(lines[0]), waited = cells(lines[1]), idle = cells(lines[2]);
  EXPECT_GT(count(computed, "█"), 0u) << lines[0];
  EXPECT_EQ(count(computed, "░"), 0u) << lines[0];
  EXPECT_GT(count(waited, "░"), 0u) << lines[1];
  EXPECT_EQ(count(waited, "█"), 0u) << lines[1];
  EXPECT_EQ(idle.find_first_not_of(' '), std::string::npos) << "not started: blank\n" << lines[2];
  // The waiting task comes after the computing one: a staircase, not two lanes side by side.
  EXPECT_GT(waited.find("░"), computed.find("█"));
  EXPECT_EQ(lanes.started(), 2u);
  EXPECT_EQ(lanes.finished(), 2u);
}

TEST(LiveLanes, ARunningTaskFillsInLookByLookAsItsThreadIsSeen) {
  LiveLanes lanes(2, LaneMode::per_task, 2);
  const std::vector<TaskRecord> at_first{running(1, 0, false), running(2, 0, true)};
  const auto on_cpu = [](const TaskRecord& r) { return r.tid == 1; };
  lanes.observe(at_first, 50 * kMs, on_cpu);
  const auto early = lanes.draw(60, 200 * kMs, 2, true);
  lanes.observe(at_first, 150 * kMs, on_cpu);
  const auto later = lanes.draw(60, 200 * kMs, 2, true);
  EXPECT_GT(count(cells(later[0]), "█"), count(cells(early[0]), "█")) << early[0] << '\n' << later[0];
  EXPECT_GT(count(cells(later[1]), "░"), count(cells(early[1]), "░")) << early[1] << '\n' << later[1];
  EXPECT_EQ(count(cells(later[1]), "█"), 0u) << "a task paused at an await waits:\n" << later[1];
  EXPECT_NE(later[2].find("2 now"), std::string::npos) << later[2];
  EXPECT_NE(later.back().find("cores busy"), std::string::npos);
}

TEST(LiveLanes, APoolsTasksShareTheLanesOfItsWorkers) {
  std::vector<TaskRecord> records;
  for (std::int64_t i = 0; i < 40; ++i) records.push_back(ended(static_cast<std::int32_t>(1 + i % 2), i, i + 1, 0));
  LiveLanes lanes(records.size(), LaneMode::per_place, 10);
  lanes.observe(records, 40 * kMs, {});
  const auto lines = lanes.draw(80, 50 * kMs, 2, false);
  ASSERT_EQ(lines.size(), 3u) << "two workers, then in flight";
  EXPECT_NE(lines[0].find("20 tasks"), std::string::npos) << lines[0];
  EXPECT_NE(lines[1].find("20 tasks"), std::string::npos) << lines[1];
}

TEST(LiveLanes, NoLineIsWiderThanTheTerminalLessOneColumn) {
  std::vector<TaskRecord> records;
  for (std::int64_t i = 0; i < 100; ++i) records.push_back(ended(static_cast<std::int32_t>(1 + i), 0, 100, 1));
  for (const int width : {40, 60, 80, 160}) {
    LiveLanes lanes(records.size(), LaneMode::grouped, 15);
    lanes.observe(records, 100 * kMs, {});
    for (const std::string& line : lanes.draw(width, 120 * kMs, 2, true))
      EXPECT_LT(display_width(line), static_cast<std::size_t>(width)) << width << ": " << line;
  }
}

TEST(LiveScreen, LayoutGivesEveryTaskALaneWhenItCanAndNeverOverflows) {
  const LiveLayout few = plan_live_layout(3, 8, 2, 24);
  EXPECT_FALSE(few.compact);
  EXPECT_EQ(few.lane_lines, 8u);
  const LiveLayout twenty = plan_live_layout(3, 20, 1, 24);  // 20 lanes fit only without the rows
  EXPECT_TRUE(twenty.compact);
  EXPECT_EQ(twenty.lane_lines, 20u);
  const LiveLayout many = plan_live_layout(3, 1000, 1, 24);  // the rows stay, the lanes take the rest
  EXPECT_FALSE(many.compact);
  EXPECT_EQ(many.lane_lines, 24u - 4u - 3u - 1u);

  LiveScreen screen{.title = std::string(200, 't'),
                    .ideal = "ideal",
                    .rows = {"a", "b", "c"},
                    .now = "now",
                    .done = "done",
                    .note = "note",
                    .lanes = std::vector<std::string>(40, std::string(120, 'x')),
                    .status = "status"};
  for (const LiveLayout& layout : {few, twenty, many}) {
    const auto lines = compose_live_screen(screen, layout, 80, 24);
    EXPECT_LE(lines.size(), 24u);
    EXPECT_EQ(lines.back(), "status") << "the progress line is the bottom line";
    for (const std::string& line : lines) EXPECT_LT(display_width(line), 80u) << line;
  }
}
