// The lanes of a timeline and how they are summarised: one rule for the terminal timeline, the
// SVG timeline and the HTML report, so the three always group a run's tasks alike. A lane is a
// task (few tasks) or a thread or process (many); lanes that look the same on the drawing grid
// (same place, same shape within a cell) are drawn once with a count, so a hundred threads
// each sleeping once read as one lane, "threads 1–100 · 1 task each", and a timeline of any
// size still fits one screen while the models still look different.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/task_record.hpp"
#include "report/places.hpp"

namespace concur {

/// Most lanes drawn; beyond this many, the least busy places are merged into a last lane.
inline constexpr std::size_t kMaxLanes = 32;

/// The grid a timeline is drawn on: `cells` columns of `cell_ns` each, from the run's origin.
struct TimeGrid {
  std::size_t cells = 1;  ///< columns across the time axis
  double cell_ns = 1;     ///< time one column stands for
};

/// Task time per cell, in units of one cell's duration: how much of it some task of the lane was
/// present (more than 1 where tasks overlap) and how much of that was computing. A task's CPU time
/// is spread over its running stretches: we know how much it computed, not exactly when.
struct LaneCells {
  std::vector<double> present;    ///< task time present in each cell
  std::vector<double> computing;  ///< task time computing in each cell
  /// `cells` empty cells.
  explicit LaneCells(std::size_t cells) : present(cells, 0.0), computing(cells, 0.0) {}
  /// Adds one task's stretch of time to the cells it covers.
  void add(const TaskRecord& task, const TimeGrid& grid);
  /// Computing share of cell `c`: computing over the time some task was there, 0 to 1.
  [[nodiscard]] double share(std::size_t c) const;
};

/// What one cell of a lane shows.
enum class CellState : std::uint8_t {
  idle,      ///< no task of the lane there
  waiting,   ///< a task there, not computing
  computing  ///< a task there, computing
};

/// The cells of a lane as drawn: error diffusion turns computing shares into whole cells, so a lane
/// that computed a quarter of its busy time shows one computing cell in four.
std::vector<CellState> cell_states(const LaneCells& cells);

/// One lane as drawn: its label, how many lanes of the same look it stands for, and the tasks
/// of the first of them (what a drawing shows for all).
struct Lane {
  std::string label;                     ///< "task 3 thread 1", "threads 2–100 · 1 task each"
  std::size_t count = 1;                 ///< lanes it stands for (1: itself only)
  std::vector<const TaskRecord*> tasks;  ///< the tasks of the first lane it stands for
  std::size_t all_tasks = 0;             ///< tasks of every lane it stands for
};

/// The lanes of a run's started tasks on `grid`: one per task when the tasks, summarised, fit in
/// kMaxLanes; else one per place (where a task ended: offloaded work ends on the thread that did it),
/// summarised, the rest merged into a last lane. A label wider than `max_label` columns says how
/// many instead of which ("15 threads", not "threads 54–64, 66–69"), so a terminal's rows keep one
/// label width and with it one time scale. Tasks must outlive the lanes.
std::vector<Lane> summarise_lanes(std::span<const TaskRecord> tasks, const Places& places, const TimeGrid& grid,
                                  std::size_t max_label = SIZE_MAX);

/// "1–4", "1, 3, 7", "2–5, 9": ascending numbers in as few words as possible; empty when that
/// would take more than `max_width` characters.
std::string number_ranges(std::vector<int> numbers, std::size_t max_width = 12);

}  // namespace concur
