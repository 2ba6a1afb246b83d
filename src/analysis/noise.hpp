// Whether a row's wall times can be trusted: robust outlier detection (modified z-score on the
// median absolute deviation) and a "noisy" verdict. Kept apart from measuring and formatting,
// so reporters only show what this module decided.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "core/results.hpp"

namespace concur {

/// A run is an outlier when its modified z-score is beyond this (Iglewicz and Hoaglin).
inline constexpr double kOutlierZ = 3.5;

/// An outlier must also lie this far from the median: with few runs the MAD can be tiny, and a
/// run 0.1 % off the others is not worth a warning however large its score.
inline constexpr double kOutlierMinDeviation = 0.05;

/// A row is noisy when max − min exceeds this share of its median.
inline constexpr double kNoisyRangeShare = 0.20;

/// Median absolute deviation from the median (0 for fewer than two values).
double median_absolute_deviation(std::span<const double> values);

/// Modified z-score of every value: 0.6745 (x − median) / MAD. When MAD is 0 (more than half
/// the values equal), the mean absolute deviation × 1.253314 stands in; when that is 0 too, all
/// scores are 0.
std::vector<double> modified_z_scores(std::span<const double> values);

/// Range, outliers (|modified z| > kOutlierZ and more than kOutlierMinDeviation from the
/// median) and the noisy verdict for one row's wall times.
Noise assess_noise(std::span<const double> values);

}  // namespace concur
