// The axes of a sweep chart: where the ends go and which values get a tick. Both charts (text and
// SVG) take them from here, so a terminal and a slide show the same range.
#pragma once

#include <span>
#include <vector>

namespace concur {

/// A linear or logarithmic axis with its ticks.
struct Axis {
  double lo = 0;              ///< value at the axis start
  double hi = 1;              ///< value at the axis end
  bool log = false;           ///< logarithmic (values span more than a decade, all positive)
  std::vector<double> ticks;  ///< values to label, ascending, within [lo, hi]
  /// Position of `value` along the axis, 0 at lo and 1 at hi.
  [[nodiscard]] double fraction(double value) const;
};

/// 1, 2 or 5 times a power of ten, the smallest not below `raw`: steps people read at a glance.
double nice_step(double raw);

/// Values spanning more than this ratio (max / min, all positive) get a logarithmic axis.
inline constexpr double kLogRatio = 10.0;

/// The axis of measured values (y): logarithmic over 1-2-5 ends when they span more than a decade;
/// else linear over the data's range (at least a tenth of the largest value tall, so run-to-run
/// noise does not fill the picture), ending on a rounded value just above the maximum.
Axis value_axis(std::span<const double> values);

/// The axis of the varied values (x): exactly from the smallest to the largest, logarithmic when
/// they span more than a decade, with a tick at each value when there are few of them.
Axis sweep_axis(std::span<const double> values);

}  // namespace concur
