#include "report/timeline_figure.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "report/charts/axis.hpp"
#include "report/charts/svg_style.hpp"
#include "report/units.hpp"

namespace concur {
namespace {

constexpr double kTitleHeight = 36;  // the row's title line
constexpr double kLaneHeight = 32;   // one lane
constexpr double kBarHeight = 24;    // the bar within it
constexpr double kAxisHeight = 44;   // ticks and their labels
constexpr double kRightPad = 24;
constexpr double kLeastLabelColumn = 250;
constexpr double kMostLabelShare = 0.45;     // of the width: the rest is the time axis
constexpr std::size_t kGroupingCells = 100;  // lanes that look alike at 1 % of the time axis are one
constexpr std::size_t kMostTooltips = 400;   // tasks with their own tooltip per figure; beyond, one per lane
constexpr char kWaitingFill[] = "#F3C98B";   // light: stays light in a black-and-white print
constexpr char kWaitingEdge[] = "#9A6A00";
constexpr char kComputingFill[] = "#0A4F8C";  // dark: stays dark in a black-and-white print
constexpr double kComputingLevels = 16;       // heights a computing share is drawn at
constexpr double kLeastShare = 0.02;          // computing below this is drawn as none

// A stretch of the time axis, in px.
struct Span {
  double from, to;
};

// Where some task of the lane was under way, as merged stretches (a lane of a thousand tasks on
// one thread is a few rectangles, not a thousand).
std::vector<Span> busy_spans(const Lane& lane, double left, double px_per_ns) {
  std::vector<Span> spans;
  for (const TaskRecord* t : lane.tasks)
    spans.push_back({left + static_cast<double>(t->start_ns) * px_per_ns,
                     left + static_cast<double>(std::max(t->end_ns, t->start_ns)) * px_per_ns});
  std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.from < b.from; });
  std::vector<Span> merged;
  for (Span s : spans) {
    s.to = std::max(s.to, s.from + 1.5);  // a task shorter than a pixel still shows that it ran
    if (!merged.empty() && s.from <= merged.back().to)
      merged.back().to = std::max(merged.back().to, s.to);
    else
      merged.push_back(s);
  }
  return merged;
}

// The height a computing share is drawn at: one of kComputingLevels steps, and at least the lowest
// step for a share worth seeing, so a task that computed little still shows that it did.
double computing_level(double share) {
  if (share < kLeastShare) return 0;
  return std::max(1.0, std::round(share * kComputingLevels)) / kComputingLevels;
}

std::string ms(std::int64_t ns) { return format_seconds(static_cast<double>(ns) / 1e9); }

}  // namespace

double timeline_scale(const ScenarioResult& scenario) {
  double scale = 0;
  for (const ModelResult& row : scenario.rows) {
    scale = std::max(scale, row.timeline_wall_s);
    for (const TaskRecord& t : row.timeline) scale = std::max(scale, static_cast<double>(t.end_ns) / 1e9);
  }
  return scale;
}

TimelineFigure::TimelineFigure(const ModelResult& row, double scale_s) : row_(row), scale_s_(scale_s) {
  for (const TaskRecord& t : row.timeline)
    if (t.pid != 0) started_.push_back(t);
  if (started_.empty() || scale_s <= 0) return;
  places_ = std::make_unique<Places>(started_);
  const TimeGrid grid{.cells = kGroupingCells, .cell_ns = scale_s * 1e9 / static_cast<double>(kGroupingCells)};
  lanes_ = summarise_lanes(started_, *places_, grid);
}

double TimelineFigure::height() const {
  if (empty()) return 0;
  return kTitleHeight + kLaneHeight * static_cast<double>(lanes_.size()) + kAxisHeight;
}

double TimelineFigure::label_column() const {
  double widest = kLeastLabelColumn;
  for (const Lane& lane : lanes_) widest = std::max(widest, text_width(lane.label, kLabelSize) + 24);
  return widest;
}

void TimelineFigure::draw(SvgWriter& svg, double top, double width, double label_column) const {
  if (empty()) return;
  const double left = std::min(label_column, width * kMostLabelShare), right = width - kRightPad;
  svg.open("g", {{"class", "timeline"}});
  svg.text_element(
      "text",
      fmt::format("{} — median run {} · at most {} in flight", row_.model, format_seconds(row_.timeline_wall_s),
                  max_in_flight(started_)),
      {{"x", "0"}, {"y", svg_number(top + 24)}, {"font-weight", "bold"}, {"font-size", svg_number(kLabelSize)}});
  double y = top + kTitleHeight;
  std::size_t tooltips = 0;
  for (const Lane& lane : lanes_) {
    const bool hover = tooltips + lane.tasks.size() <= kMostTooltips;
    if (hover) tooltips += lane.tasks.size();
    draw_lane(svg, lane, y, left, right, hover);
    y += kLaneHeight;
  }
  draw_axis(svg, y, left, right);
  svg.close();
}

void TimelineFigure::draw_lane(SvgWriter& svg, const Lane& lane, double y, double left, double right,
                               bool hover) const {
  const double px_per_ns = (right - left) / (scale_s_ * 1e9);
  const double bar_top = y + (kLaneHeight - kBarHeight) / 2;
  svg.text_element("text", lane.label, {{"x", "0"}, {"y", svg_number(bar_top + kBarHeight - 5)}});
  svg.open("g");
  if (lane.count > 1)
    svg.text_element("title", fmt::format("{}: {} lanes that look alike, the first drawn", lane.label, lane.count));
  for (const Span& s : busy_spans(lane, left, px_per_ns))
    svg.element("rect", {{"x", svg_number(s.from)},
                         {"y", svg_number(bar_top)},
                         {"width", svg_number(s.to - s.from)},
                         {"height", svg_number(kBarHeight)},
                         {"fill", kWaitingFill},
                         {"stroke", kWaitingEdge},
                         {"stroke-width", "1"}});
  // Computing: per 2 px, the share of the lane's busy time spent computing, as the bar's height.
  const auto cells = static_cast<std::size_t>(std::max(1.0, (right - left) / 2));
  const TimeGrid grid{.cells = cells, .cell_ns = scale_s_ * 1e9 / static_cast<double>(cells)};
  LaneCells lane_cells(cells);
  for (const TaskRecord* t : lane.tasks) lane_cells.add(*t, grid);
  const double cell_px = (right - left) / static_cast<double>(cells);
  for (std::size_t c = 0; c < cells;) {
    const double level = computing_level(lane_cells.share(c));
    std::size_t end = c + 1;
    while (end < cells && computing_level(lane_cells.share(end)) == level) ++end;
    if (level > 0)
      svg.element("rect", {{"x", svg_number(left + static_cast<double>(c) * cell_px)},
                           {"y", svg_number(bar_top + kBarHeight * (1 - level))},
                           {"width", svg_number(static_cast<double>(end - c) * cell_px)},
                           {"height", svg_number(kBarHeight * level)},
                           {"fill", kComputingFill}});
    c = end;
  }
  if (hover)
    for (const TaskRecord* t : lane.tasks) {
      const auto number = static_cast<std::size_t>(t - started_.data()) + 1;
      svg.open("rect", {{"x", svg_number(left + static_cast<double>(t->start_ns) * px_per_ns)},
                        {"y", svg_number(bar_top)},
                        {"width", svg_number(std::max(1.5, static_cast<double>(t->end_ns - t->start_ns) * px_per_ns))},
                        {"height", svg_number(kBarHeight)},
                        {"fill", "#000"},
                        {"fill-opacity", "0"}});
      svg.text_element("title", fmt::format("task {} · {} · start {} · end {} · CPU {}", number, places_->label(*t),
                                            ms(t->start_ns), ms(t->end_ns), ms(t->cpu_ns)));
      svg.close();
    }
  svg.close();
}

void TimelineFigure::draw_axis(SvgWriter& svg, double y, double left, double right) const {
  const double scale_ms = scale_s_ * 1e3;
  const double step = nice_step(scale_ms / 6);
  const double px_per_ms = (right - left) / scale_ms;
  svg.element("line", {{"x1", svg_number(left)},
                       {"x2", svg_number(right)},
                       {"y1", svg_number(y + 4)},
                       {"y2", svg_number(y + 4)},
                       {"stroke", kAxisInk}});
  svg.open("g", {{"font-size", svg_number(kTickSize)}, {"text-anchor", "middle"}});
  for (double t = 0; t <= scale_ms * (1 + 1e-9); t += step) {
    const double x = left + t * px_per_ms;
    svg.element("line", {{"x1", svg_number(x)},
                         {"x2", svg_number(x)},
                         {"y1", svg_number(y + 4)},
                         {"y2", svg_number(y + 10)},
                         {"stroke", kAxisInk}});
    svg.text_element("text", fmt::format("{:g}", std::round(t * 1e6) / 1e6),
                     {{"x", svg_number(x)}, {"y", svg_number(y + 30)}});
  }
  svg.close();
  // The unit once, in the label column under the lanes, where no tick label can run into it.
  svg.text_element("text", "time (ms)",
                   {{"x", "0"}, {"y", svg_number(y + 30)}, {"font-size", svg_number(kTickSize)}, {"fill", kMutedInk}});
}

void draw_timeline_legend(SvgWriter& svg, double x, double y) {
  svg.element(
      "rect",
      {{"x", svg_number(x)}, {"y", svg_number(y - 16)}, {"width", "28"}, {"height", "20"}, {"fill", kComputingFill}});
  svg.text_element("text", "computing (its height: the share of the time)",
                   {{"x", svg_number(x + 36)}, {"y", svg_number(y)}});
  svg.element("rect", {{"x", svg_number(x + 520)},
                       {"y", svg_number(y - 16)},
                       {"width", "28"},
                       {"height", "20"},
                       {"fill", kWaitingFill},
                       {"stroke", kWaitingEdge}});
  svg.text_element("text", "waiting", {{"x", svg_number(x + 556)}, {"y", svg_number(y)}});
  svg.text_element("text", "lanes that look alike are drawn once, with a count",
                   {{"x", svg_number(x)}, {"y", svg_number(y + kLineHeight)}, {"fill", kMutedInk}});
}

double shared_label_column(const ScenarioResult& scenario, double scale_s) {
  double widest = 0;
  for (const ModelResult& row : scenario.rows) widest = std::max(widest, TimelineFigure(row, scale_s).label_column());
  return widest;
}

std::string row_timeline_svg(const ModelResult& row, double scale_s, double label_column, SvgUse use) {
  const TimelineFigure figure(row, scale_s);
  if (figure.empty()) return {};
  constexpr double kFigureWidth = 1200;
  SvgWriter svg(kFigureWidth, figure.height(), use);
  svg.open("g", {{"font-family", kFontFamily}, {"font-size", svg_number(kLabelSize)}, {"fill", kInk}});
  figure.draw(svg, 0, kFigureWidth, label_column);
  return svg.finish();
}

}  // namespace concur
