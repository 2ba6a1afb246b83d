// The measurements a sweep can put in its table and chart (`--metric`). Selecting a number
// from a row lives here, once, so the table, the terminal chart and the SVG always agree.
#pragma once

#include <span>
#include <string_view>
#include <utility>

#include "core/results.hpp"

namespace concur {

/// What kind of quantity a number is, so axes and cells format it alike.
enum class Quantity {
  seconds,       ///< time in s
  kib,           ///< memory in KiB
  microseconds,  ///< time in µs (may be negative: overhead below the ideal)
  count,         ///< a plain number (tasks, workers, k)
  bytes          ///< a size in bytes
};

/// A measurement `sweep --metric` can show.
struct Metric {
  std::string_view name;                ///< the --metric value
  std::string_view label;               ///< what the axis and the table say ("wall median")
  Quantity quantity;                    ///< unit of value()
  double (*value)(const ModelResult&);  ///< the row's number, in the quantity's base unit
  /// The same number for one measured run of the row: the spread of these is the row's min–max.
  double (*run_value)(const ModelResult&, const RunRecord&);
};

/// Smallest and largest `metric` over the runs of `row` and its own value.
std::pair<double, double> run_range(const Metric& metric, const ModelResult& row);

/// Every metric, the default (wall) first.
std::span<const Metric> metrics();

/// The metric called `name`, or nullptr.
const Metric* find_metric(std::string_view name);

}  // namespace concur
