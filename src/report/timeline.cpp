#include "report/timeline.hpp"

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
constexpr std::array<std::string_view, 8> kLevels{"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
constexpr std::string_view kIndent = "  ";
constexpr std::size_t kSuffixWidth = 12;  // " max 100000" / " peak 2.0"
constexpr int kMinCells = 10;
// Labels get at least this many columns ("task 32 thread 32→32"), so the charts of the rows of one
// table line up whatever the labels of each.
constexpr std::size_t kLabelWidth = 20;
constexpr double kNoComputing = 0.05;  // cores: below this the "cores busy" line would be noise

struct Lane {
  std::string label;
  std::vector<const TaskRecord*> tasks;
};

// Per cell, in units of one cell's duration: how much task time fell into it, and how much of
// that was computing (a task's CPU time is spread evenly over its span: we know how much it
// computed, not exactly when).
struct Cells {
  std::vector<double> present;
  std::vector<double> computing;
  explicit Cells(std::size_t n) : present(n, 0.0), computing(n, 0.0) {}
};

// Adds the stretch [start, end) of a task, computing `share` of the time, to the cells it covers.
void add_stretch(double start, double end, double share, double cell_ns, Cells& cells) {
  const auto n = static_cast<std::int64_t>(cells.present.size());
  const auto first = std::clamp(static_cast<std::int64_t>(start / cell_ns), std::int64_t{0}, n - 1);
  const auto last = std::clamp(static_cast<std::int64_t>(std::ceil(end / cell_ns)) - 1, first, n - 1);
  for (auto c = first; c <= last; ++c) {
    const double lo = static_cast<double>(c) * cell_ns;
    const double overlap = std::max(0.0, std::min(end, lo + cell_ns) - std::max(start, lo)) / cell_ns;
    // A task shorter than a cell still marks it: a student should see that it ran.
    cells.present[static_cast<std::size_t>(c)] += std::max(overlap, 1e-9);
    cells.computing[static_cast<std::size_t>(c)] += overlap * share;
  }
}

// We know how much CPU a task used, not exactly when; but we know where its last running stretch
// began (after its last resume), and that it ran to the end. Its CPU time goes there first,
// spread evenly; whatever is left is spread over the stretch before (the waits in between).
void add_task(const TaskRecord& t, double cell_ns, Cells& cells) {
  const double start = static_cast<double>(t.start_ns);
  const double end = static_cast<double>(std::max(t.end_ns, t.start_ns));
  const double resumed = std::clamp(static_cast<double>(t.resumed_ns), start, end);
  const double cpu = std::max(0.0, static_cast<double>(t.cpu_ns));
  const double last_cpu = std::min(cpu, end - resumed);
  if (resumed > start) add_stretch(start, resumed, std::min(1.0, (cpu - last_cpu) / (resumed - start)), cell_ns, cells);
  add_stretch(resumed, end, end > resumed ? last_cpu / (end - resumed) : 0.0, cell_ns, cells);
}

// Error diffusion: a lane that computed 25 % of its time gets one █ in four cells, so the share
// of █ in a stretch is the share of the lane's busy time spent computing there. The share is
// taken over the part of the cell the lane was busy, so a cell where a computing task starts
// late still reads as computing.
std::string draw_lane(const Cells& cells) {
  std::string out;
  double carry = 0;
  for (std::size_t c = 0; c < cells.present.size(); ++c) {
    if (cells.present[c] <= 0) {
      out += ' ';
      carry = 0;
      continue;
    }
    carry += std::min(cells.computing[c] / std::min(cells.present[c], 1.0), 1.0);
    if (carry >= 0.5) {
      out += kComputing;
      carry -= 1;
    } else {
      out += kWaiting;
    }
  }
  return out;
}

// Eight heights relative to `top`; a value under 1/16 of it is drawn blank, not as the lowest bar.
std::string sparkline(const std::vector<double>& values, double top) {
  std::string out;
  for (const double v : values) {
    if (top <= 0 || v < top / 16) {
      out += ' ';
      continue;
    }
    const auto level = std::clamp(static_cast<int>(std::ceil(v / top * 8.0 - 1e-9)), 1, 8);
    out += kLevels[static_cast<std::size_t>(level - 1)];
  }
  return out;
}

std::string tasks_phrase(std::size_t n) { return fmt::format("{} task{}", n, n == 1 ? "" : "s"); }

// One lane per task while that stays readable; beyond it one per thread or process (where a
// task ended: offloaded work ends on the thread that did it), the least busy merged at the end.
std::vector<Lane> make_lanes(std::span<const TaskRecord> tasks, const Places& places) {
  std::vector<Lane> lanes;
  if (tasks.size() <= kMaxLanes) {
    const auto digits = fmt::format("{}", tasks.size()).size();
    for (std::size_t i = 0; i < tasks.size(); ++i)
      lanes.push_back({fmt::format("task {:>{}} {}", i + 1, digits, places.label(tasks[i])), {&tasks[i]}});
    return lanes;
  }
  std::map<int, Lane> by_place;
  for (const auto& t : tasks) by_place[places.end_of(t)].tasks.push_back(&t);
  for (auto& [number, lane] : by_place) {
    lane.label = fmt::format("{} · {}", places.name(number), tasks_phrase(lane.tasks.size()));
    lanes.push_back(std::move(lane));
  }
  if (lanes.size() > kMaxLanes) {
    Lane rest;
    std::size_t places_merged = 0;
    for (std::size_t i = kMaxLanes - 1; i < lanes.size(); ++i, ++places_merged)
      rest.tasks.insert(rest.tasks.end(), lanes[i].tasks.begin(), lanes[i].tasks.end());
    rest.label = fmt::format("{} more · {}", places_merged, tasks_phrase(rest.tasks.size()));
    lanes.resize(kMaxLanes - 1);
    lanes.push_back(std::move(rest));
  }
  return lanes;
}

}  // namespace

std::vector<std::string> render_timeline(std::span<const TaskRecord> tasks, const TimelineLayout& layout) {
  std::vector<TaskRecord> started;
  for (const auto& t : tasks)
    if (t.pid != 0) started.push_back(t);
  if (started.empty() || layout.scale_s <= 0) return {};
  const Places places(started);
  const std::vector<Lane> lanes = make_lanes(started, places);

  std::size_t label_width = kLabelWidth;
  for (const auto& lane : lanes) label_width = std::max(label_width, display_width(lane.label));
  const int fixed = static_cast<int>(kIndent.size() + label_width + 1 + 2 + kSuffixWidth);
  const auto cells = static_cast<std::size_t>(std::max(kMinCells, layout.width - fixed));
  const double cell_ns = layout.scale_s * 1e9 / static_cast<double>(cells);

  std::vector<std::string> lines;
  std::vector<double> in_flight(cells, 0.0), busy(cells, 0.0);
  for (const auto& lane : lanes) {
    Cells lane_cells(cells);
    for (const TaskRecord* t : lane.tasks) add_task(*t, cell_ns, lane_cells);
    for (std::size_t c = 0; c < cells; ++c) {
      in_flight[c] += lane_cells.present[c];
      busy[c] += lane_cells.computing[c];
    }
    lines.push_back(fmt::format("{}{} │{}│", kIndent, pad(lane.label, label_width), draw_lane(lane_cells)));
  }
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
