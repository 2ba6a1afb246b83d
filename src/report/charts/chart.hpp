// What a sweep chart shows, independent of where it is drawn: one series per model, the
// axes' scales and ticks. The terminal chart and the SVG chart both draw from this, so they
// can never disagree about a point or a scale.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "analysis/metric.hpp"
#include "core/results.hpp"

namespace concur {

/// One point of a series.
struct ChartPoint {
  double x = 0;  ///< the varied value
  double y = 0;  ///< the metric
};

/// One model's line.
struct ChartSeries {
  std::string name;                ///< model name, for the legend
  std::vector<ChartPoint> points;  ///< verified rows only, ascending x
};

/// A linear or logarithmic axis with its ticks.
struct Axis {
  double lo = 0;              ///< value at the axis start
  double hi = 1;              ///< value at the axis end
  bool log = false;           ///< logarithmic (values span a wide range, all positive)
  std::vector<double> ticks;  ///< values to label, ascending, within [lo, hi]
  /// Position of `value` along the axis, 0 at lo and 1 at hi.
  [[nodiscard]] double fraction(double value) const;
};

/// Spans at least this ratio (max / min, all positive) make an axis logarithmic.
inline constexpr double kLogRatio = 20.0;

/// The axis for `values`: logarithmic when all are positive and max/min ≥ kLogRatio, else
/// linear from 0 (or from the minimum when it is negative) to a round maximum.
Axis make_axis(std::span<const double> values);

/// Everything a drawing of one sweep needs.
struct ChartData {
  std::string title;                        ///< "sleep: wall median vs tasks"
  std::string x_label;                      ///< "tasks"
  std::string y_label;                      ///< "wall median"
  Quantity x_quantity = Quantity::count;    ///< how x values read
  Quantity y_quantity = Quantity::seconds;  ///< how y values read
  std::vector<ChartSeries> series;          ///< one per model, in row order
  Axis x;                                   ///< horizontal axis
  Axis y;                                   ///< vertical axis
};

/// A tick label: the value as cells read it, trailing zeros dropped ("80 ms", not "80.00 ms").
std::string tick_label(double value, Quantity quantity);

/// The chart of a sweep report (report.sweep set); nullopt when no row has a point to draw.
std::optional<ChartData> sweep_chart(const Report& report);

/// How a varied value reads, from the sweep's unit: seconds for "s", bytes for "B", else a count.
Quantity sweep_quantity(const SweepInfo& sweep);

}  // namespace concur
