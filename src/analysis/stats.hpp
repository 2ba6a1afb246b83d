// Summary statistics, kept apart from measuring and from formatting.
#pragma once

#include <span>

#include "core/results.hpp"

namespace concur {

/// Median, min, max, mean and sample standard deviation of `values` (all zero when empty).
Stats summarize(std::span<const double> values);

/// Median of `values` (0 when empty).
double median(std::span<const double> values);

}  // namespace concur
