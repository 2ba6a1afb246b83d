// The statistics behind the noise warning: MAD, modified z-scores, outliers and the verdict.
#include <gtest/gtest.h>

#include <vector>

#include "analysis/noise.hpp"

using namespace concur;

TEST(Noise, MedianAbsoluteDeviation) {
  const std::vector<double> v{1, 2, 3, 4, 100};
  // median 3; deviations 2 1 0 1 97 → median 1.
  EXPECT_DOUBLE_EQ(median_absolute_deviation(v), 1.0);
  EXPECT_DOUBLE_EQ(median_absolute_deviation(std::vector<double>{5}), 0.0);
  EXPECT_DOUBLE_EQ(median_absolute_deviation(std::vector<double>{}), 0.0);
}

TEST(Noise, ModifiedZScoreFollowsIglewiczHoaglin) {
  const std::vector<double> v{1, 2, 3, 4, 100};
  const auto z = modified_z_scores(v);
  ASSERT_EQ(z.size(), v.size());
  EXPECT_NEAR(z[2], 0.0, 1e-12);
  EXPECT_NEAR(z[3], 0.6745, 1e-12);
  EXPECT_NEAR(z[0], -2 * 0.6745, 1e-12);
  EXPECT_NEAR(z[4], 97 * 0.6745, 1e-9);
}

TEST(Noise, ZeroMadFallsBackToTheMeanAbsoluteDeviation) {
  // More than half the runs equal: MAD is 0, yet the odd run must still stand out.
  const std::vector<double> v{1.0, 1.0, 1.0, 1.0, 2.0};
  const auto z = modified_z_scores(v);
  // mean absolute deviation 0.2 → scale 0.2506628; (2 − 1) / scale ≈ 3.99.
  EXPECT_NEAR(z[4], 1.0 / (0.2 * 1.253314), 1e-9);
  EXPECT_EQ(z[0], 0.0);
  const std::vector<double> same{3.0, 3.0, 3.0};
  for (const double score : modified_z_scores(same)) EXPECT_EQ(score, 0.0);
}

TEST(Noise, AQuietRowIsNotNoisy) {
  const Noise n = assess_noise(std::vector<double>{1.000, 1.002, 1.001, 0.999, 1.003});
  EXPECT_FALSE(n.noisy);
  EXPECT_TRUE(n.outliers.empty());
  EXPECT_NEAR(n.range_pct, 0.4 / 1.001, 1e-9);  // (1.003 − 0.999) / median 1.001
}

TEST(Noise, AWideRangeIsNoisyWithoutOutliers) {
  // 1.0 and 1.3 around a median of 1.15: range 26 % > 20 %, but no run is far from the rest.
  const Noise n = assess_noise(std::vector<double>{1.0, 1.3, 1.1, 1.2, 1.15});
  EXPECT_TRUE(n.noisy);
  EXPECT_TRUE(n.outliers.empty());
  EXPECT_GT(n.range_pct, 20.0);
}

TEST(Noise, AnOutlierMakesARowNoisyEvenWithASmallRange) {
  // Four runs within 0.2 %, one 15 % slow: range 15 % < 20 %, but the slow run is an outlier.
  const Noise n = assess_noise(std::vector<double>{1.000, 1.001, 1.002, 1.001, 1.150});
  EXPECT_TRUE(n.noisy);
  ASSERT_EQ(n.outliers.size(), 1u);
  EXPECT_EQ(n.outliers[0], 4u);
  EXPECT_LT(n.range_pct, 20.0);
}

TEST(Noise, ATinyDeviationIsNoOutlierHoweverLargeItsScore) {
  // The MAD of three almost equal runs is minute: 0.2 % off scores high but is not noise.
  const std::vector<double> v{1.0000, 1.0001, 1.0020};
  EXPECT_GT(modified_z_scores(v)[2], kOutlierZ);
  const Noise n = assess_noise(v);
  EXPECT_TRUE(n.outliers.empty());
  EXPECT_FALSE(n.noisy);
}

TEST(Noise, EmptyAndSingleRunsAreQuiet) {
  EXPECT_FALSE(assess_noise(std::vector<double>{}).noisy);
  EXPECT_FALSE(assess_noise(std::vector<double>{0.5}).noisy);
}
