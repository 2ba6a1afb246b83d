// The Gantt chart `--timeline` draws under a row: what each task did over the run, so a class
// sees overlap (async: twenty waits side by side on one thread), caps (a pool of two working
// in turns) and the lack of parallelism (factorials under async: a staircase).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/task_record.hpp"
#include "report/lanes.hpp"

namespace concur {

/// How a timeline is laid out.
struct TimelineLayout {
  int width = 100;         ///< columns available for the whole line
  double scale_s = 0;      ///< time the full width stands for (shared by the rows of one table)
  std::int64_t cores = 1;  ///< cores of the machine: the height of the "cores busy" sparkline
};

/// The chart's lines, without trailing newlines: the lanes summarised (lanes.hpp: one per task, or
/// per thread or process, lanes that look the same drawn once with a count), an "in flight" sparkline,
/// a "cores busy" sparkline when anything computed, and a time axis. █ computing, ░ waiting,
/// blank idle; a task that computed a quarter of its time shows one █ in four of its cells.
std::vector<std::string> render_timeline(std::span<const TaskRecord> tasks, const TimelineLayout& layout);

}  // namespace concur
