#include "report/live/live_lanes.hpp"
#include "report/sparkline.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "core/counted.hpp"
#include "report/places.hpp"
#include "report/terminal_text.hpp"
#include "report/units.hpp"

namespace concur {
namespace {

constexpr std::string_view kComputing = "█";
constexpr std::string_view kWaiting = "░";
constexpr std::string_view kIndent = "  ";
constexpr std::size_t kMinLabel = 10;     // "in flight", "cores busy"
constexpr std::size_t kMaxLabel = 24;     // beyond this the label is cut, the cells keep their room
constexpr std::size_t kSuffixWidth = 10;  // " max 1000", " peak 1.9"
constexpr int kMinCells = 10;
// A cell is drawn computing when the tasks in it used at least this share of their time there on a
// CPU: a computing task on a machine busy with other work gets a fraction of a core, and still
// computes (a waiting one uses next to nothing).
constexpr double kComputingShare = 0.2;

// Adds the stretch [from, to) to the cells it covers, weighted by `share` (1: the whole stretch),
// in cells' worth of time.
void spread(double from, double to, double share, double cell_ns, std::vector<double>& cells) {
  if (to <= from || cells.empty()) return;
  const auto n = static_cast<std::int64_t>(cells.size());
  const auto first = std::clamp(static_cast<std::int64_t>(from / cell_ns), std::int64_t{0}, n - 1);
  const auto last = std::clamp(static_cast<std::int64_t>(std::ceil(to / cell_ns)) - 1, first, n - 1);
  for (auto c = first; c <= last; ++c) {
    const double lo = static_cast<double>(c) * cell_ns;
    const double overlap = std::max(0.0, std::min(to, lo + cell_ns) - std::max(from, lo)) / cell_ns;
    cells[static_cast<std::size_t>(c)] += overlap * share;
  }
}

}  // namespace

LaneMode choose_lane_mode(std::size_t tasks, std::size_t lines, std::int64_t parallel) {
  if (tasks <= lines) return LaneMode::per_task;
  if (parallel >= 2 && static_cast<std::size_t>(parallel) < tasks) return LaneMode::per_place;
  return LaneMode::grouped;
}

LiveLanes::LiveLanes(std::size_t tasks, LaneMode mode, std::size_t lines)
    : tasks_(tasks), mode_(mode), lines_(std::max<std::size_t>(1, lines)) {}

void LiveLanes::observe(std::span<const TaskRecord> records, std::int64_t now_ns, const ComputingNow& computing) {
  const std::int64_t since = now_ns_;
  started_ = finished_ = 0;
  for (std::size_t i = 0; i < std::min(records.size(), tasks_.size()); ++i) {
    const TaskRecord& r = records[i];
    // A task that records its CPU time sets its resume time as it starts, before anything else.
    if (r.pid == 0 && r.resumed_ns == 0) continue;
    Task& t = tasks_[i];
    t.record = r;
    t.start_ns = r.pid != 0 ? r.start_ns : r.resumed_ns;
    ++started_;
    t.ended = r.end_tid != 0;  // written last, after the end time
    if (t.ended) {
      ++finished_;
      continue;
    }
    if (!computing || !computing(r)) continue;
    const std::int64_t from = std::max(since, t.start_ns);
    if (!t.computing.empty() && t.computing.back().second >= from)
      t.computing.back().second = now_ns;
    else
      t.computing.emplace_back(from, now_ns);
  }
  now_ns_ = std::max(now_ns_, now_ns);
}

void LiveLanes::observe_cores(std::int64_t now_ns, double cores_busy) { cores_.emplace_back(now_ns, cores_busy); }

std::string LiveLanes::lane_label(std::size_t task) const {
  const auto digits = fmt::format("{}", tasks_.size()).size();
  return fmt::format("task {:>{}}", task + 1, digits);
}

std::vector<LiveLanes::Lane> LiveLanes::lanes() const {
  std::vector<Lane> out;
  if (mode_ == LaneMode::per_task) {
    std::vector<TaskRecord> started;
    for (const Task& t : tasks_)
      if (t.record.pid != 0) started.push_back(t.record);
    const Places places(started);
    for (std::size_t i = 0; i < tasks_.size(); ++i) {
      const TaskRecord& r = tasks_[i].record;
      const bool placed = r.pid != 0 && (r.tid != 0 || places.by_process());
      out.push_back({placed ? lane_label(i) + " " + places.label(r) : lane_label(i), {i}});
    }
    return out;
  }
  if (mode_ == LaneMode::grouped) {
    const std::size_t per = (tasks_.size() + lines_ - 1) / lines_;
    for (std::size_t first = 0; first < tasks_.size(); first += per) {
      Lane lane{.label = fmt::format("tasks {}–{}", first + 1, std::min(tasks_.size(), first + per)), .tasks = {}};
      for (std::size_t i = first; i < std::min(tasks_.size(), first + per); ++i) lane.tasks.push_back(i);
      out.push_back(std::move(lane));
    }
    return out;
  }
  // Per place: where each task is now (where it ended, once it has).
  std::vector<TaskRecord> started;
  for (const Task& t : tasks_)
    if (t.record.pid != 0) started.push_back(t.record);
  const Places places(started);
  std::map<int, Lane> by_place;
  for (std::size_t i = 0; i < tasks_.size(); ++i) {
    const TaskRecord& r = tasks_[i].record;
    if (r.pid == 0) continue;
    by_place[tasks_[i].ended ? places.end_of(r) : places.start_of(r)].tasks.push_back(i);
  }
  for (auto& [number, lane] : by_place) {
    lane.label =
        fmt::format("{} · {}", places.name(number), counted(static_cast<std::int64_t>(lane.tasks.size()), "task"));
    out.push_back(std::move(lane));
  }
  if (out.size() > lines_) {
    Lane rest;
    for (std::size_t i = lines_ - 1; i < out.size(); ++i)
      rest.tasks.insert(rest.tasks.end(), out[i].tasks.begin(), out[i].tasks.end());
    rest.label = fmt::format("{} more · {}", out.size() - (lines_ - 1),
                             counted(static_cast<std::int64_t>(rest.tasks.size()), "task"));
    out.resize(lines_ - 1);
    out.push_back(std::move(rest));
  }
  return out;
}

// A task's presence and computing in the cells: from its record once it ended with its CPU time
// (spread over its last running stretch first, as the timelines do), else from the looks.
void LiveLanes::add_task(const Task& t, std::int64_t cell_ns, std::vector<double>& present,
                         std::vector<double>& busy) const {
  if (t.start_ns < 0) return;
  const auto cell = static_cast<double>(cell_ns);
  const auto start = static_cast<double>(t.start_ns);
  const auto end = static_cast<double>(std::max(t.ended ? t.record.end_ns : now_ns_, t.start_ns));
  // A task shorter than a cell still marks it: it ran.
  spread(start, std::max(end, start + 1), 1.0, cell, present);
  if (t.ended && t.record.cpu_ns > 0) {
    const double resumed = std::clamp(static_cast<double>(t.record.resumed_ns), start, end);
    const double cpu = static_cast<double>(t.record.cpu_ns);
    const double last = std::min(cpu, end - resumed);
    if (end > resumed) spread(resumed, end, last / (end - resumed), cell, busy);
    if (resumed > start) spread(start, resumed, std::min(1.0, (cpu - last) / (resumed - start)), cell, busy);
    return;
  }
  for (const auto& [from, to] : t.computing)
    spread(static_cast<double>(from), static_cast<double>(std::min<std::int64_t>(to, static_cast<std::int64_t>(end))),
           1.0, cell, busy);
}

std::vector<std::string> LiveLanes::draw(int width, std::int64_t scale_ns, std::int64_t cores, bool cores_line) const {
  const std::vector<Lane> all = lanes();
  std::size_t label_width = kMinLabel;
  for (const Lane& lane : all) label_width = std::max(label_width, display_width(lane.label));
  label_width = std::min(label_width, kMaxLabel);
  const int fixed = static_cast<int>(kIndent.size() + label_width + 3 + kSuffixWidth) + 1;
  const auto cells = static_cast<std::size_t>(std::max(kMinCells, width - fixed));
  const std::int64_t cell_ns = std::max<std::int64_t>(1, scale_ns / static_cast<std::int64_t>(cells));
  const auto limit = static_cast<std::size_t>(std::max(1, width - 1));

  std::vector<std::string> lines;
  std::vector<double> in_flight(cells, 0.0);
  for (const Lane& lane : all) {
    std::vector<double> present(cells, 0.0), busy(cells, 0.0);
    for (const std::size_t i : lane.tasks) add_task(tasks_[i], cell_ns, present, busy);
    std::string row;
    for (std::size_t c = 0; c < cells; ++c) {
      in_flight[c] += present[c];
      if (present[c] <= 0) {
        row += ' ';
      } else {
        row += busy[c] >= kComputingShare * std::min(present[c], 1.0) ? kComputing : kWaiting;
      }
    }
    lines.push_back(cut_to_width(
        fmt::format("{}{} │{}│", kIndent, pad(cut_to_width(lane.label, label_width), label_width), row), limit));
  }
  const double top = *std::max_element(in_flight.begin(), in_flight.end());
  lines.push_back(cut_to_width(fmt::format("{}{} │{}│ {} now", kIndent, pad("in flight", label_width),
                                           sparkline(in_flight, top), started_ - finished_),
                               limit));
  std::vector<double> busy(cells, 0.0);
  double peak = 0;
  std::int64_t from = 0;
  for (const auto& [until, cores_busy] : cores_) {
    spread(static_cast<double>(from), static_cast<double>(until), cores_busy, static_cast<double>(cell_ns), busy);
    peak = std::max(peak, cores_busy);
    from = until;
  }
  if (cores_line)
    lines.push_back(
        cut_to_width(fmt::format("{}{} │{}│ peak {:.1f}", kIndent, pad("cores busy", label_width),
                                 sparkline(busy, static_cast<double>(std::max<std::int64_t>(1, cores))), peak),
                     limit));
  return lines;
}

}  // namespace concur
