// What a sweep chart shows, independent of where it is drawn: one series per model, the
// axes' scales and ticks. The terminal chart and the SVG chart both draw from this, so they
// can never disagree about a point or a scale.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analysis/metric.hpp"
#include "core/results.hpp"
#include "report/charts/axis.hpp"

namespace concur {

/// One point of a series.
struct ChartPoint {
  double x = 0;   ///< the varied value
  double y = 0;   ///< the metric (the row's median)
  double lo = 0;  ///< the metric's smallest value over the row's runs (whisker bottom)
  double hi = 0;  ///< the metric's largest value over the row's runs (whisker top)
};

/// One model's line.
struct ChartSeries {
  std::string name;                ///< model name, for the legend
  std::vector<ChartPoint> points;  ///< verified rows only, ascending x
};

/// Everything a drawing of one sweep needs.
struct ChartData {
  std::string title;                        ///< "sleep: wall median vs tasks"
  std::string x_label;                      ///< "tasks"
  std::string y_label;                      ///< "wall median"
  Quantity x_quantity = Quantity::count;    ///< how x values read
  Quantity y_quantity = Quantity::seconds;  ///< how y values read
  std::vector<ChartSeries> series;          ///< one per model, in row order
  Axis x;                                   ///< horizontal axis: the varied values
  Axis y;                                   ///< vertical axis: the metric, whiskers included
};

/// A tick label: the value as cells read it, trailing zeros dropped ("80 ms", not "80.00 ms").
std::string tick_label(double value, Quantity quantity);

/// The chart of a sweep report (report.sweep set); nullopt when no row has a point to draw.
std::optional<ChartData> sweep_chart(const Report& report);

/// How a varied value reads, from the sweep's unit: seconds for "s", bytes for "B", else a count.
Quantity sweep_quantity(const SweepInfo& sweep);

/// For each series and point, its place in a side-by-side group: where the markers (`near` tall,
/// as a fraction of the y axis) or whiskers of several series at one x overlap, they are numbered
/// -k…k across the group, so a drawing can set them apart; 0 for a point alone.
std::vector<std::vector<double>> overlap_offsets(const ChartData& chart, double near);

}  // namespace concur
