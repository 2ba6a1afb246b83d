#include "report/charts/chart.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "report/units.hpp"

namespace concur {
namespace {

// 1, 2 or 5 times a power of ten, the smallest not below `raw`: steps people read at a glance.
double nice_step(double raw) {
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  for (const double m : {1.0, 2.0, 5.0, 10.0})
    if (m * power >= raw * (1 - 1e-9)) return m * power;
  return 10 * power;
}

// The 1-2-5 value at or below (`down`) or at or above `value`: log axes end on round numbers
// without wasting most of a decade (3000 ends at 5000, not 10000).
double round_125(double value, bool down) {
  const double decade = std::pow(10.0, std::floor(std::log10(value) + 1e-9));
  if (down) {
    for (const double m : {5.0, 2.0, 1.0})
      if (m * decade <= value * (1 + 1e-9)) return m * decade;
    return decade;
  }
  for (const double m : {1.0, 2.0, 5.0, 10.0})
    if (m * decade >= value * (1 - 1e-9)) return m * decade;
  return 10 * decade;
}

Axis log_axis(double min, double max) {
  Axis axis;
  axis.log = true;
  axis.lo = round_125(min, true);
  axis.hi = round_125(max, false);
  if (axis.hi <= axis.lo) axis.hi = axis.lo * 10;
  // Decades always; over two decades or fewer there is room for the 2× and 5× marks too.
  const bool fine = std::log10(axis.hi / axis.lo) <= 2.0 + 1e-9;
  for (double decade = std::pow(10.0, std::floor(std::log10(axis.lo) + 1e-9)); decade <= axis.hi * (1 + 1e-9);
       decade *= 10)
    for (const double m : {1.0, 2.0, 5.0})
      if ((m == 1.0 || fine) && m * decade >= axis.lo * (1 - 1e-9) && m * decade <= axis.hi * (1 + 1e-9))
        axis.ticks.push_back(m * decade);
  // Both ends always get a label, so the reader knows where the axis stops.
  for (const double end : {axis.lo, axis.hi})
    if (std::none_of(axis.ticks.begin(), axis.ticks.end(), [&](double t) { return std::fabs(t / end - 1) < 1e-9; }))
      axis.ticks.push_back(end);
  std::sort(axis.ticks.begin(), axis.ticks.end());
  return axis;
}

Axis linear_axis(double min, double max) {
  Axis axis;
  const double lo = std::min(0.0, min);
  double span = max - lo;
  if (span <= 0) span = max > 0 ? max : 1;
  const double step = nice_step(span / 5);
  axis.lo = std::floor(lo / step) * step;
  axis.hi = std::ceil(max / step - 1e-9) * step;
  if (axis.hi <= axis.lo) axis.hi = axis.lo + step;
  for (double t = axis.lo; t <= axis.hi + step * 1e-6; t += step)
    axis.ticks.push_back(std::fabs(t) < step * 1e-9 ? 0 : t);
  return axis;
}

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

double Axis::fraction(double value) const {
  if (log) {
    if (value <= 0) return 0;
    return (std::log10(value) - std::log10(lo)) / (std::log10(hi) - std::log10(lo));
  }
  return (value - lo) / (hi - lo);
}

Axis make_axis(std::span<const double> values) {
  if (values.empty()) return linear_axis(0, 1);
  const auto [min, max] = std::minmax_element(values.begin(), values.end());
  if (*min > 0 && *max / *min >= kLogRatio) return log_axis(*min, *max);
  return linear_axis(*min, *max);
}

Quantity sweep_quantity(const SweepInfo& sweep) {
  if (sweep.unit == "s") return Quantity::seconds;
  if (sweep.unit == "B") return Quantity::bytes;
  return Quantity::count;
}

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
  for (const ScenarioResult& block : report.scenarios) {
    if (!block.swept_value) continue;
    for (const ModelResult& row : block.rows) {
      auto it = std::find_if(chart.series.begin(), chart.series.end(),
                             [&](const ChartSeries& s) { return s.name == row.model; });
      if (it == chart.series.end()) it = chart.series.insert(chart.series.end(), ChartSeries{row.model, {}});
      // A failed row has no honest number: it leaves a gap instead of a point.
      if (!row.verified) continue;
      const double y = metric->value(row);
      if (!std::isfinite(y)) continue;
      it->points.push_back({*block.swept_value, y});
      xs.push_back(*block.swept_value);
      ys.push_back(y);
    }
  }
  if (xs.empty()) return std::nullopt;
  for (ChartSeries& s : chart.series)
    std::sort(s.points.begin(), s.points.end(), [](const ChartPoint& a, const ChartPoint& b) { return a.x < b.x; });
  chart.x = make_axis(xs);
  chart.y = make_axis(ys);
  return chart;
}

}  // namespace concur
