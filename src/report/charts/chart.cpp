#include "report/charts/chart.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "report/units.hpp"

namespace concur {
namespace {

std::string_view key_label(std::string_view key) { return key == "factorial" ? "factorial k" : key; }

}  // namespace

std::string tick_label(double value, Quantity quantity) {
  std::string text = format_quantity(value, quantity);
  // Trim zeros only in the number, which ends at the first space ("1.500 s" → "1.5 s").
  const auto end = std::min(text.find(' '), text.size());
  const auto dot = text.find('.');
  if (dot == std::string::npos || dot > end) return text;
  auto last = text.find_last_not_of('0', end - 1);
  if (last == dot) --last;
  return text.substr(0, last + 1) + text.substr(end);
}

Quantity sweep_quantity(const SweepInfo& sweep) {
  if (sweep.unit == "s") return Quantity::seconds;
  if (sweep.unit == "B") return Quantity::bytes;
  return Quantity::count;
}

namespace {

// The points of every model, whiskers from the spread of its runs; x and y collect what the
// axes must hold.
void add_points(const Report& report, const Metric& metric, ChartData& chart, std::vector<double>& xs,
                std::vector<double>& ys) {
  for (const ScenarioResult& block : report.scenarios) {
    if (!block.swept_value) continue;
    for (const ModelResult& row : block.rows) {
      auto it = std::find_if(chart.series.begin(), chart.series.end(),
                             [&](const ChartSeries& s) { return s.name == row.model; });
      if (it == chart.series.end()) it = chart.series.insert(chart.series.end(), ChartSeries{row.model, {}});
      // A failed row has no honest number: it leaves a gap instead of a point.
      if (!row.verified) continue;
      const double y = metric.value(row);
      if (!std::isfinite(y)) continue;
      auto [lo, hi] = run_range(metric, row);
      if (!std::isfinite(lo) || !std::isfinite(hi)) lo = hi = y;
      it->points.push_back({.x = *block.swept_value, .y = y, .lo = std::min(lo, y), .hi = std::max(hi, y)});
      xs.push_back(*block.swept_value);
      ys.insert(ys.end(), {y, std::min(lo, y), std::max(hi, y)});
    }
  }
}

}  // namespace

std::optional<ChartData> sweep_chart(const Report& report) {
  if (!report.sweep) return std::nullopt;
  const Metric* metric = find_metric(report.sweep->metric);
  if (metric == nullptr) return std::nullopt;
  ChartData chart;
  chart.x_label = std::string(key_label(report.sweep->key));
  chart.y_label = std::string(metric->label);
  chart.x_quantity = sweep_quantity(*report.sweep);
  chart.y_quantity = metric->quantity;
  const std::string scenario = report.scenarios.empty() ? std::string() : report.scenarios.front().scenario;
  chart.title = fmt::format("{}: {} vs {}", scenario, chart.y_label, chart.x_label);
  std::vector<double> xs, ys;
  add_points(report, *metric, chart, xs, ys);
  if (xs.empty()) return std::nullopt;
  for (ChartSeries& s : chart.series)
    std::sort(s.points.begin(), s.points.end(), [](const ChartPoint& a, const ChartPoint& b) { return a.x < b.x; });
  chart.x = sweep_axis(xs);
  chart.y = value_axis(ys);
  return chart;
}

std::vector<std::vector<double>> overlap_offsets(const ChartData& chart, double near) {
  std::vector<std::vector<double>> offsets;
  for (const ChartSeries& s : chart.series) offsets.emplace_back(s.points.size(), 0.0);
  // Every x at which some series has a point: who is there, and the stretch of the y axis its
  // marker and whisker cover.
  struct Mark {
    double from, to;
    std::size_t series, point;
  };
  std::map<double, std::vector<Mark>> at;
  for (std::size_t s = 0; s < chart.series.size(); ++s)
    for (std::size_t p = 0; p < chart.series[s].points.size(); ++p) {
      const ChartPoint& point = chart.series[s].points[p];
      at[point.x].push_back(Mark{.from = chart.y.fraction(point.lo) - near / 2,
                                 .to = chart.y.fraction(point.hi) + near / 2,
                                 .series = s,
                                 .point = p});
    }
  for (auto& [x, marks] : at) {
    std::sort(marks.begin(), marks.end(), [](const Mark& a, const Mark& b) { return a.from < b.from; });
    // Marks whose stretches overlap, directly or through another, form a group.
    for (std::size_t begin = 0; begin < marks.size();) {
      std::size_t end = begin + 1;
      double reach = marks[begin].to;
      for (; end < marks.size() && marks[end].from < reach; ++end) reach = std::max(reach, marks[end].to);
      // Within a group, series order decides the side, so a model keeps its side along the line.
      std::sort(marks.begin() + static_cast<std::ptrdiff_t>(begin), marks.begin() + static_cast<std::ptrdiff_t>(end),
                [](const Mark& a, const Mark& b) { return a.series < b.series; });
      const double middle = static_cast<double>(end - begin - 1) / 2;
      for (std::size_t i = begin; i < end; ++i)
        offsets[marks[i].series][marks[i].point] = static_cast<double>(i - begin) - middle;
      begin = end;
    }
  }
  return offsets;
}

}  // namespace concur
