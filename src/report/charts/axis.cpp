#include "report/charts/axis.hpp"

#include <algorithm>
#include <cmath>

namespace concur {
namespace {

// More varied values than this get round ticks instead of one tick each.
constexpr std::size_t kMostValueTicks = 12;
// A linear value axis is at least this share of its largest value tall.
constexpr double kLeastSpan = 0.1;
// Room left under the lowest value of a linear value axis, as a share of the data's span.
constexpr double kFloorRoom = 0.05;

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

bool same(double a, double b) { return std::fabs(a - b) <= 1e-9 * std::max(std::fabs(a), std::fabs(b)); }

// Both ends always get a label, so the reader knows where the axis stops.
void label_ends(Axis& axis) {
  for (const double end : {axis.lo, axis.hi})
    if (std::none_of(axis.ticks.begin(), axis.ticks.end(), [&](double t) { return same(t, end); }))
      axis.ticks.push_back(end);
  std::sort(axis.ticks.begin(), axis.ticks.end());
}

// Decades always; over two decades or fewer there is room for the 2× and 5× marks too.
void decade_ticks(Axis& axis) {
  const bool fine = std::log10(axis.hi / axis.lo) <= 2.0 + 1e-9;
  for (double decade = std::pow(10.0, std::floor(std::log10(axis.lo) + 1e-9)); decade <= axis.hi * (1 + 1e-9);
       decade *= 10)
    for (const double m : {1.0, 2.0, 5.0})
      if ((m == 1.0 || fine) && m * decade >= axis.lo * (1 - 1e-9) && m * decade <= axis.hi * (1 + 1e-9))
        axis.ticks.push_back(m * decade);
  label_ends(axis);
}

// Round steps from lo to hi (both multiples of the step).
void step_ticks(Axis& axis, double step) {
  for (double t = std::ceil(axis.lo / step - 1e-9) * step; t <= axis.hi + step * 1e-6; t += step)
    axis.ticks.push_back(std::fabs(t) < step * 1e-9 ? 0 : t);
}

Axis linear_values(double min, double max) {
  const double least = kLeastSpan * std::max(std::fabs(min), std::fabs(max));
  // A little room under the lowest value, so its marker does not sit on the axis line.
  double bottom = min - kFloorRoom * (max - min);
  if (max - bottom < least) bottom = max - least;
  if (min >= 0) bottom = std::max(bottom, 0.0);
  double span = max - bottom;
  if (span <= 0) span = 1;
  const double step = nice_step(span / 5);
  Axis axis;
  axis.lo = std::floor(bottom / step + 1e-9) * step;
  axis.hi = std::ceil(max / step - 1e-9) * step;
  if (axis.hi <= axis.lo) axis.hi = axis.lo + step;
  step_ticks(axis, step);
  return axis;
}

bool spans_decades(double min, double max) { return min > 0 && max / min > kLogRatio; }

}  // namespace

double nice_step(double raw) {
  if (!(raw > 0) || !std::isfinite(raw)) return 1;
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  for (const double m : {1.0, 2.0, 5.0, 10.0})
    if (m * power >= raw * (1 - 1e-9)) return m * power;
  return 10 * power;
}

double Axis::fraction(double value) const {
  if (log) {
    if (value <= 0) return 0;
    return (std::log10(value) - std::log10(lo)) / (std::log10(hi) - std::log10(lo));
  }
  return (value - lo) / (hi - lo);
}

Axis value_axis(std::span<const double> values) {
  if (values.empty()) return linear_values(0, 1);
  const auto [min, max] = std::minmax_element(values.begin(), values.end());
  if (!spans_decades(*min, *max)) return linear_values(*min, *max);
  Axis axis;
  axis.log = true;
  axis.lo = round_125(*min, true);
  axis.hi = round_125(*max, false);
  decade_ticks(axis);
  return axis;
}

Axis sweep_axis(std::span<const double> values) {
  std::vector<double> sorted(values.begin(), values.end());
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end(), same), sorted.end());
  Axis axis;
  if (sorted.empty()) return linear_values(0, 1);
  axis.lo = sorted.front();
  axis.hi = sorted.back();
  axis.log = spans_decades(axis.lo, axis.hi);
  if (axis.hi <= axis.lo) {
    // One value: a little room on both sides, so its point sits in the middle.
    const double pad = axis.lo != 0 ? std::fabs(axis.lo) / 2 : 1;
    axis.lo -= pad;
    axis.hi += pad;
    axis.ticks = sorted;
    return axis;
  }
  if (sorted.size() <= kMostValueTicks) {
    axis.ticks = sorted;
  } else if (axis.log) {
    decade_ticks(axis);
  } else {
    step_ticks(axis, nice_step((axis.hi - axis.lo) / 5));
    label_ends(axis);
  }
  return axis;
}

}  // namespace concur
