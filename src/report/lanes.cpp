#include "report/lanes.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>

#include <fmt/format.h>

namespace concur {
namespace {

// Adds the stretch [start, end) of a task, computing `share` of the time, to the cells it covers.
void add_stretch(double start, double end, double share, const TimeGrid& grid, LaneCells& cells) {
  const auto n = static_cast<std::int64_t>(cells.present.size());
  const auto first = std::clamp(static_cast<std::int64_t>(start / grid.cell_ns), std::int64_t{0}, n - 1);
  const auto last = std::clamp(static_cast<std::int64_t>(std::ceil(end / grid.cell_ns)) - 1, first, n - 1);
  for (auto c = first; c <= last; ++c) {
    const double lo = static_cast<double>(c) * grid.cell_ns;
    const double overlap = std::max(0.0, std::min(end, lo + grid.cell_ns) - std::max(start, lo)) / grid.cell_ns;
    // A task shorter than a cell still marks it: a student should see that it ran.
    cells.present[static_cast<std::size_t>(c)] += std::max(overlap, 1e-9);
    cells.computing[static_cast<std::size_t>(c)] += overlap * share;
  }
}

// A candidate lane before summarising: a task, or every task of one place.
struct Candidate {
  std::vector<const TaskRecord*> tasks;
  int number = 0;           // task number (per task) or place number (per place)
  std::string place_label;  // where it ran: "thread 1", "thread 1→2"
  int place = 0;            // the place it started on
};

std::vector<CellState> shape_of(const Candidate& lane, const TimeGrid& grid) {
  LaneCells cells(grid.cells);
  for (const TaskRecord* t : lane.tasks) cells.add(*t, grid);
  return cell_states(cells);
}

// Indices of `lanes` grouped by shape, in order of first appearance; nullopt as soon as there
// would be more than `limit` groups.
std::optional<std::vector<std::vector<std::size_t>>> group_by_shape(const std::vector<Candidate>& lanes,
                                                                    const TimeGrid& grid, std::size_t limit) {
  std::map<std::vector<CellState>, std::size_t> index;
  std::vector<std::vector<std::size_t>> groups;
  for (std::size_t i = 0; i < lanes.size(); ++i) {
    const auto [it, fresh] = index.try_emplace(shape_of(lanes[i], grid), groups.size());
    if (fresh) {
      if (groups.size() == limit) return std::nullopt;
      groups.emplace_back();
    }
    groups[it->second].push_back(i);
  }
  return groups;
}

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

// Ranges of numbers take at most this many columns ("2–5, 9–12"); beyond, a count.
constexpr std::size_t kRangesWidth = 12;

// Columns of `text`, counted in code points: the en dash, the arrow and the dot are one each.
std::size_t columns_of(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U; }));
}

// "tasks 1–4" or "12 tasks"; "threads 2–100" or "99 threads". `ranges_width` 0: always a count.
std::string numbered(std::vector<int> numbers, std::string_view one, std::string_view many, std::size_t ranges_width) {
  if (numbers.size() == 1) return fmt::format("{} {}", one, numbers.front());
  const std::string ranges = number_ranges(numbers, ranges_width);
  return ranges.empty() ? plural(numbers.size(), one, many) : fmt::format("{} {}", many, ranges);
}

std::string place_word(const Places& places, bool many) {
  if (places.by_process()) return many ? "procs" : "proc";
  return many ? "threads" : "thread";
}

std::string task_group_label(const std::vector<Candidate>& lanes, const std::vector<std::size_t>& members,
                             const Places& places, std::size_t digits, std::size_t ranges_width) {
  const Candidate& first = lanes[members.front()];
  if (members.size() == 1) return fmt::format("task {:>{}} {}", first.number, digits, first.place_label);
  std::vector<int> tasks, starts;
  std::set<std::string> labels;
  for (const std::size_t i : members) {
    tasks.push_back(lanes[i].number);
    starts.push_back(lanes[i].place);
    labels.insert(lanes[i].place_label);
  }
  const std::string task_words = numbered(tasks, "task", "tasks", ranges_width);
  if (labels.size() == 1) return fmt::format("{} · {}", task_words, first.place_label);
  std::sort(starts.begin(), starts.end());
  starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
  const std::string place_words = numbered(starts, place_word(places, false), place_word(places, true), ranges_width);
  if (starts.size() == members.size()) return fmt::format("{} · 1 task each", place_words);
  return fmt::format("{} · {}", task_words, place_words);
}

std::string place_group_label(const std::vector<Candidate>& lanes, const std::vector<std::size_t>& members,
                              const Places& places, std::size_t ranges_width) {
  std::vector<int> numbers;
  std::size_t total = 0;
  bool same_count = true;
  for (const std::size_t i : members) {
    numbers.push_back(lanes[i].number);
    total += lanes[i].tasks.size();
    same_count = same_count && lanes[i].tasks.size() == lanes[members.front()].tasks.size();
  }
  const std::string place_words = numbered(numbers, place_word(places, false), place_word(places, true), ranges_width);
  if (members.size() > 1 && same_count)
    return fmt::format("{} · {} each", place_words, plural(lanes[members.front()].tasks.size(), "task", "tasks"));
  return fmt::format("{} · {}", place_words, plural(total, "task", "tasks"));
}

// A label of at most `max_label` columns where it can be: ranges of numbers give way to counts.
template <class MakeLabel>
std::string fitted(MakeLabel make_label, std::size_t max_label) {
  std::string label = make_label(kRangesWidth);
  return columns_of(label) > max_label ? make_label(0) : label;
}

Lane lane_of(const std::vector<Candidate>& lanes, const std::vector<std::size_t>& members, std::string label) {
  Lane lane{.label = std::move(label), .count = members.size(), .tasks = lanes[members.front()].tasks, .all_tasks = 0};
  for (const std::size_t i : members) lane.all_tasks += lanes[i].tasks.size();
  return lane;
}

std::optional<std::vector<Lane>> per_task(std::span<const TaskRecord> tasks, const Places& places, const TimeGrid& grid,
                                          std::size_t max_label) {
  std::vector<Candidate> lanes;
  lanes.reserve(tasks.size());
  for (std::size_t i = 0; i < tasks.size(); ++i)
    lanes.push_back(Candidate{.tasks = {&tasks[i]},
                              .number = static_cast<int>(i + 1),
                              .place_label = places.label(tasks[i]),
                              .place = places.start_of(tasks[i])});
  const auto groups = group_by_shape(lanes, grid, kMaxLanes);
  if (!groups) return std::nullopt;
  const auto digits = fmt::format("{}", tasks.size()).size();
  std::vector<Lane> out;
  for (const auto& members : *groups) {
    const auto label = [&](std::size_t ranges) { return task_group_label(lanes, members, places, digits, ranges); };
    out.push_back(lane_of(lanes, members, fitted(label, max_label)));
  }
  return out;
}

std::vector<Lane> per_place(std::span<const TaskRecord> tasks, const Places& places, const TimeGrid& grid,
                            std::size_t max_label) {
  std::map<int, Candidate> by_place;
  for (const auto& t : tasks) by_place[places.end_of(t)].tasks.push_back(&t);
  std::vector<Candidate> lanes;
  for (auto& [number, lane] : by_place) {
    lane.number = number;
    lanes.push_back(std::move(lane));
  }
  auto groups = *group_by_shape(lanes, grid, lanes.size());
  std::vector<Lane> out;
  const std::size_t kept = groups.size() > kMaxLanes ? kMaxLanes - 1 : groups.size();
  for (std::size_t g = 0; g < kept; ++g) {
    const auto label = [&](std::size_t ranges) { return place_group_label(lanes, groups[g], places, ranges); };
    out.push_back(lane_of(lanes, groups[g], fitted(label, max_label)));
  }
  if (kept == groups.size()) return out;
  // The rest, drawn as one lane: where they were busy at all.
  Lane rest{.label = {}, .count = 0, .tasks = {}, .all_tasks = 0};
  for (std::size_t g = kept; g < groups.size(); ++g)
    for (const std::size_t i : groups[g]) {
      rest.tasks.insert(rest.tasks.end(), lanes[i].tasks.begin(), lanes[i].tasks.end());
      ++rest.count;
    }
  rest.all_tasks = rest.tasks.size();
  rest.label = fmt::format("{} more · {}", rest.count, plural(rest.all_tasks, "task", "tasks"));
  out.push_back(std::move(rest));
  return out;
}

}  // namespace

void LaneCells::add(const TaskRecord& task, const TimeGrid& grid) {
  // We know how much CPU a task used, not exactly when; but we know where its last running stretch
  // began (after its last resume), and that it ran to the end. Its CPU time goes there first,
  // spread evenly; whatever is left is spread over the stretch before (the waits in between).
  const double start = static_cast<double>(task.start_ns);
  const double end = static_cast<double>(std::max(task.end_ns, task.start_ns));
  const double resumed = std::clamp(static_cast<double>(task.resumed_ns), start, end);
  const double cpu = std::max(0.0, static_cast<double>(task.cpu_ns));
  const double last_cpu = std::min(cpu, end - resumed);
  if (resumed > start) add_stretch(start, resumed, std::min(1.0, (cpu - last_cpu) / (resumed - start)), grid, *this);
  add_stretch(resumed, end, end > resumed ? last_cpu / (end - resumed) : 0.0, grid, *this);
}

double LaneCells::share(std::size_t c) const {
  if (present[c] <= 0) return 0;
  // Over the part of the cell the lane was busy: a cell where a computing task starts late
  // still reads as computing.
  return std::min(computing[c] / std::min(present[c], 1.0), 1.0);
}

std::vector<CellState> cell_states(const LaneCells& cells) {
  std::vector<CellState> states;
  states.reserve(cells.present.size());
  double carry = 0;
  for (std::size_t c = 0; c < cells.present.size(); ++c) {
    if (cells.present[c] <= 0) {
      states.push_back(CellState::idle);
      carry = 0;
      continue;
    }
    carry += cells.share(c);
    if (carry >= 0.5) {
      states.push_back(CellState::computing);
      carry -= 1;
    } else {
      states.push_back(CellState::waiting);
    }
  }
  return states;
}

std::vector<Lane> summarise_lanes(std::span<const TaskRecord> tasks, const Places& places, const TimeGrid& grid,
                                  std::size_t max_label) {
  if (tasks.empty()) return {};
  if (auto lanes = per_task(tasks, places, grid, max_label)) return std::move(*lanes);
  return per_place(tasks, places, grid, max_label);
}

std::string number_ranges(std::vector<int> numbers, std::size_t max_width) {
  std::sort(numbers.begin(), numbers.end());
  numbers.erase(std::unique(numbers.begin(), numbers.end()), numbers.end());
  std::vector<std::string> runs;
  for (std::size_t i = 0; i < numbers.size();) {
    std::size_t j = i;
    while (j + 1 < numbers.size() && numbers[j + 1] == numbers[j] + 1) ++j;
    runs.push_back(j == i ? fmt::format("{}", numbers[i]) : fmt::format("{}–{}", numbers[i], numbers[j]));
    i = j + 1;
  }
  std::string text = fmt::format("{}", fmt::join(runs, ", "));
  return columns_of(text) <= max_width ? text : std::string();
}

}  // namespace concur
