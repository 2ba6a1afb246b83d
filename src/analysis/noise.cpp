#include "analysis/noise.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "analysis/stats.hpp"

namespace concur {
namespace {

// 0.6745 is the 75th percentile of the standard normal: it makes MAD-based scores comparable
// to ordinary z-scores for normally distributed data. 1.253314 (√(π/2)) does the same for the
// mean absolute deviation.
constexpr double kMadScale = 0.6745;
constexpr double kMeanAdScale = 1.253314;

std::vector<double> absolute_deviations(std::span<const double> values, double centre) {
  std::vector<double> out;
  out.reserve(values.size());
  for (const double v : values) out.push_back(std::fabs(v - centre));
  return out;
}

}  // namespace

double median_absolute_deviation(std::span<const double> values) {
  if (values.size() < 2) return 0;
  return median(absolute_deviations(values, median(values)));
}

std::vector<double> modified_z_scores(std::span<const double> values) {
  std::vector<double> scores(values.size(), 0.0);
  if (values.size() < 2) return scores;
  const double centre = median(values);
  const std::vector<double> deviations = absolute_deviations(values, centre);
  double scale = 0;
  const double mad = median(deviations);
  if (mad > 0) {
    scale = mad / kMadScale;
  } else {
    const double mean_ad =
        std::accumulate(deviations.begin(), deviations.end(), 0.0) / static_cast<double>(deviations.size());
    scale = mean_ad * kMeanAdScale;
  }
  if (scale <= 0) return scores;
  for (std::size_t i = 0; i < values.size(); ++i) scores[i] = (values[i] - centre) / scale;
  return scores;
}

Noise assess_noise(std::span<const double> values) {
  Noise noise;
  if (values.empty()) return noise;
  const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
  const double centre = median(values);
  noise.range_pct = centre > 0 ? (*hi - *lo) / centre * 100 : 0;
  const std::vector<double> scores = modified_z_scores(values);
  for (std::size_t i = 0; i < scores.size(); ++i)
    if (std::fabs(scores[i]) > kOutlierZ && std::fabs(values[i] - centre) > kOutlierMinDeviation * centre)
      noise.outliers.push_back(i);
  noise.noisy = noise.range_pct > kNoisyRangeShare * 100 || !noise.outliers.empty();
  return noise;
}

}  // namespace concur
