// The axes of the sweep charts: log or linear, where they end, which values get a tick.
#include <gtest/gtest.h>

#include <vector>

#include "report/charts/axis.hpp"

using namespace concur;

TEST(Axis, WideRangesGoLogarithmicWithDecadeTicks) {
  const std::vector<double> v{10, 100, 10000};
  const Axis a = value_axis(v);
  EXPECT_TRUE(a.log);
  EXPECT_DOUBLE_EQ(a.lo, 10);
  EXPECT_DOUBLE_EQ(a.hi, 10000);
  EXPECT_EQ(a.ticks, (std::vector<double>{10, 100, 1000, 10000}));
  EXPECT_NEAR(a.fraction(100), 1.0 / 3, 1e-12);
  // More than a decade, not a decade exactly.
  const std::vector<double> decade{10, 100};
  EXPECT_FALSE(value_axis(decade).log);
  const std::vector<double> more{10, 101};
  EXPECT_TRUE(value_axis(more).log);
}

TEST(Axis, ValuesGetTheirOwnRangeEndingJustAboveTheMaximum) {
  // A 1.0 s maximum ends the axis at 1 s, not at 1.5 s.
  const std::vector<double> v{0.1, 0.55, 1.0};
  const Axis a = value_axis(v);
  EXPECT_FALSE(a.log);
  EXPECT_DOUBLE_EQ(a.lo, 0);
  EXPECT_DOUBLE_EQ(a.hi, 1.0);
  // Far from zero, the axis starts near the data, not at zero…
  const std::vector<double> far{0.9, 1.7, 2.3};
  const Axis b = value_axis(far);
  EXPECT_GT(b.lo, 0);
  EXPECT_LE(b.lo, 0.9);
  EXPECT_GE(b.hi, 2.3);
  EXPECT_LE(b.hi, 2.5);
  EXPECT_DOUBLE_EQ(b.fraction(b.hi), 1.0);
  // …but is at least a tenth of the maximum tall: 1 % of noise does not fill the picture.
  const std::vector<double> flat{0.1003, 0.1015};
  const Axis c = value_axis(flat);
  EXPECT_LE(c.lo, 0.1015 * 0.9 + 1e-12);
  EXPECT_GE(c.hi, 0.1015);
  EXPECT_LE(c.hi, 0.106);
  // Negative values (overhead under the ideal) cannot be on a log axis.
  const std::vector<double> signed_values{-5, 400};
  EXPECT_FALSE(value_axis(signed_values).log);
  EXPECT_LE(value_axis(signed_values).lo, -5);
}

TEST(Axis, VariedValuesSpanExactlyTheirRangeWithATickEach) {
  const std::vector<double> v{5, 10, 20};
  const Axis a = sweep_axis(v);
  EXPECT_FALSE(a.log);
  EXPECT_DOUBLE_EQ(a.lo, 5);
  EXPECT_DOUBLE_EQ(a.hi, 20);
  EXPECT_EQ(a.ticks, v);
  const std::vector<double> wide{10, 100, 1000};
  EXPECT_TRUE(sweep_axis(wide).log);
  EXPECT_EQ(sweep_axis(wide).ticks, wide);
  std::vector<double> many;
  for (int i = 1; i <= 30; ++i) many.push_back(i);
  const Axis m = sweep_axis(many);
  EXPECT_DOUBLE_EQ(m.lo, 1);
  EXPECT_DOUBLE_EQ(m.hi, 30);
  EXPECT_LT(m.ticks.size(), 12u);
  EXPECT_DOUBLE_EQ(m.ticks.front(), 1);
  EXPECT_DOUBLE_EQ(m.ticks.back(), 30);
}
