#include "report/timeline.hpp"
#include "report/sparkline.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "report/places.hpp"
#include "report/units.hpp"

namespace concur {
namespace {

constexpr std::string_view kComputing = "█";
constexpr std::string_view kWaiting = "░";
constexpr std::string_view kIndent = "  ";
constexpr std::size_t kSuffixWidth = 12;  // " max 100000" / " peak 2.0"
constexpr int kMinCells = 10;
// Labels get at least this many columns ("threads 1–1000 · 1 task each"), so the charts of the rows
// of one table line up whatever the labels of each.
constexpr std::size_t kLabelWidth = 28;
constexpr double kNoComputing = 0.05;  // cores: below this the "cores busy" line would be noise

// The glyph of each state a lane's cell can be in.
std::string draw_lane(const LaneCells& cells) {
  std::string out;
  for (const CellState state : cell_states(cells)) {
    switch (state) {
      case CellState::idle:
        out += ' ';
        break;
      case CellState::waiting:
        out += kWaiting;
        break;
      case CellState::computing:
        out += kComputing;
        break;
    }
  }
  return out;
}

// The grid of a lane line: what the label, the bars and the suffix leave of the width.
TimeGrid grid_of(const TimelineLayout& layout, std::size_t label_width) {
  const int fixed = static_cast<int>(kIndent.size() + label_width + 1 + 2 + kSuffixWidth);
  const auto cells = static_cast<std::size_t>(std::max(kMinCells, layout.width - fixed));
  return TimeGrid{.cells = cells, .cell_ns = layout.scale_s * 1e9 / static_cast<double>(cells)};
}

std::size_t widest_label(const std::vector<Lane>& lanes) {
  std::size_t widest = 0;
  for (const Lane& lane : lanes) widest = std::max(widest, display_width(lane.label));
  return widest;
}

}  // namespace

std::vector<std::string> render_timeline(std::span<const TaskRecord> tasks, const TimelineLayout& layout) {
  std::vector<TaskRecord> started;
  for (const auto& t : tasks)
    if (t.pid != 0) started.push_back(t);
  if (started.empty() || layout.scale_s <= 0) return {};
  const Places places(started);
  // The labels' width depends on the lanes, the lanes on the grid: the grid is sized for the
  // widest label the summary can make, then the lanes are made on it.
  std::size_t label_width = kLabelWidth;
  TimeGrid grid = grid_of(layout, label_width);
  std::vector<Lane> lanes = summarise_lanes(started, places, grid, label_width);
  if (const std::size_t widest = widest_label(lanes); widest > label_width) {
    label_width = widest;
    grid = grid_of(layout, label_width);
    lanes = summarise_lanes(started, places, grid);
    label_width = std::max(label_width, widest_label(lanes));
  }
  const std::size_t cells = grid.cells;

  std::vector<std::string> lines;
  for (const auto& lane : lanes) {
    LaneCells lane_cells(cells);
    for (const TaskRecord* t : lane.tasks) lane_cells.add(*t, grid);
    lines.push_back(fmt::format("{}{} │{}│", kIndent, pad(lane.label, label_width), draw_lane(lane_cells)));
  }
  // The sparklines count every task, whichever lane stands for it.
  LaneCells all(cells);
  for (const TaskRecord& t : started) all.add(t, grid);
  const std::vector<double>& in_flight = all.present;
  std::vector<double> busy = all.computing;
  const double flight_top = *std::max_element(in_flight.begin(), in_flight.end());
  lines.push_back(fmt::format("{}{} │{}│ max {}", kIndent, pad("in flight", label_width),
                              sparkline(in_flight, flight_top), max_in_flight(started)));
  // Full height is every core busy; a single-threaded loop computing flat out fills 1/cores of it.
  // Spreading each task's CPU time evenly can overshoot where tasks end unevenly; no more cores
  // than the machine has can compute at once, so that is the ceiling.
  for (double& b : busy) b = std::min(b, static_cast<double>(layout.cores));
  const double busy_peak = *std::max_element(busy.begin(), busy.end());
  if (busy_peak >= kNoComputing)
    lines.push_back(fmt::format("{}{} │{}│ peak {:.1f}", kIndent, pad("cores busy", label_width),
                                sparkline(busy, static_cast<double>(layout.cores)), busy_peak));
  const std::string end_label = format_seconds(layout.scale_s);
  const std::size_t axis_gap = cells + 2 > 1 + end_label.size() ? cells + 2 - 1 - display_width(end_label) : 1;
  lines.push_back(
      fmt::format("{}{} 0{}{}", kIndent, std::string(label_width, ' '), std::string(axis_gap, ' '), end_label));
  return lines;
}

}  // namespace concur
