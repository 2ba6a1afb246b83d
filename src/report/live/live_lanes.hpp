// The lanes of the live view: one run's tasks as they start, wait, compute and finish, drawn
// from looks at their records taken while the run goes on. A task's record says when it started
// and ended and, at its end, how much CPU time it used; while it runs, the live view knows only
// whether its thread is on a CPU at each look, and remembers that for the stretch since the last.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/task_record.hpp"

namespace concur {

/// How a run's tasks are spread over the lines the live view has for them.
enum class LaneMode {
  per_task,   ///< one lane per task: they all fit
  per_place,  ///< one lane per thread or process: a fixed set of workers (pool, fiber) beyond a screenful
  grouped,    ///< one lane per run of consecutive tasks ("tasks 1–5") beyond a screenful
};

/// The mode for `tasks` tasks on `lines` lines, under a model that can compute `parallel` tasks
/// at once: per task when they fit; else per place for a model with a fixed set of two or more
/// workers (its lanes are what it teaches); else consecutive tasks together.
LaneMode choose_lane_mode(std::size_t tasks, std::size_t lines, std::int64_t parallel);

/// Whether a running task's thread is on a CPU at this look (asked only for running tasks).
using ComputingNow = std::function<bool(const TaskRecord&)>;

/// The lanes of one run as they fill in.
class LiveLanes {
 public:
  /// For a run of `tasks` tasks, drawn on at most `lines` lane lines in `mode`.
  LiveLanes(std::size_t tasks, LaneMode mode, std::size_t lines);

  /// A look at the records at `now_ns` (since the run's time zero); `computing` is asked about
  /// each task that is running, and its answer holds for the stretch since the previous look.
  void observe(std::span<const TaskRecord> records, std::int64_t now_ns, const ComputingNow& computing);

  /// How many cores the run kept busy over the stretch since the previous look (from its CPU time).
  void observe_cores(std::int64_t now_ns, double cores_busy);

  /// The lane lines, then "in flight" and, with `cores_line`, "cores busy" (out of `cores`):
  /// `width` columns (never the last one) over a time axis of `scale_ns`.
  [[nodiscard]] std::vector<std::string> draw(int width, std::int64_t scale_ns, std::int64_t cores,
                                              bool cores_line) const;

  /// Tasks seen started so far.
  [[nodiscard]] std::size_t started() const { return started_; }
  /// Tasks seen finished so far.
  [[nodiscard]] std::size_t finished() const { return finished_; }

 private:
  struct Task {
    TaskRecord record{};
    std::int64_t start_ns = -1;  // -1: not started yet
    bool ended = false;
    std::vector<std::pair<std::int64_t, std::int64_t>> computing;  // seen computing over these stretches
  };
  struct Lane {
    std::string label;
    std::vector<std::size_t> tasks;
  };
  [[nodiscard]] std::vector<Lane> lanes() const;
  [[nodiscard]] std::string lane_label(std::size_t task) const;
  void add_task(const Task& t, std::int64_t cell_ns, std::vector<double>& present, std::vector<double>& busy) const;

  std::vector<Task> tasks_;
  LaneMode mode_;
  std::size_t lines_;
  std::int64_t now_ns_ = 0;
  std::size_t started_ = 0;
  std::size_t finished_ = 0;
  std::vector<std::pair<std::int64_t, double>> cores_;  // (until, cores busy) per stretch
};

}  // namespace concur
