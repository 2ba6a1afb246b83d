// The sweep chart for slides: text large enough, no build flags, axes from the data, whiskers,
// coinciding points set side by side, every legend entry drawn (in the SVG and the terminal).
#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "markup.hpp"
#include "picture_fixtures.hpp"
#include "report/charts/chart.hpp"
#include "report/charts/chart_svg.hpp"
#include "report/charts/chart_text.hpp"

using namespace concur;
using namespace concur::test;

namespace {

// The x of every circle (series 0's markers) and the centre of every square (series 1's).
std::vector<double> numbers(const std::string& svg, const std::string& pattern, double shift = 0) {
  std::vector<double> out;
  const std::regex re(pattern);
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), re); it != std::sregex_iterator(); ++it)
    out.push_back(std::stod((*it)[1]) + shift);
  return out;
}

}  // namespace

TEST(ChartSvg, TextIsLargeAndTheBuildStaysOff) {
  const std::string svg =
      svg_chart(overlapping_sweep(), PictureOptions{.title = "Threads & async", .use = SvgUse::file});
  EXPECT_EQ(tag_problems(svg), "");
  EXPECT_GE(smallest_font(svg), 18.0);
  EXPECT_EQ(svg.find("-O3"), std::string::npos) << "compiler flags are clutter on a slide";
  EXPECT_EQ(svg.find("g++"), std::string::npos);
  EXPECT_EQ(element_texts(svg, "title").front(), "Threads &amp; async");
  EXPECT_NE(svg.find("2 cores · Test CPU · Linux 6.1"), std::string::npos) << "the machine stays";
}

TEST(ChartSvg, AxesRunOverTheData) {
  const auto chart = sweep_chart(overlapping_sweep());
  ASSERT_TRUE(chart);
  EXPECT_DOUBLE_EQ(chart->x.lo, 5);
  EXPECT_DOUBLE_EQ(chart->x.hi, 20);
  EXPECT_EQ(chart->x.ticks, (std::vector<double>{5, 10, 20}));
  // y holds the whiskers (±2 %), ends just above them, and starts near the data, not at 0.
  EXPECT_GE(chart->y.hi, 0.102);
  EXPECT_LE(chart->y.hi, 0.11);
  EXPECT_GT(chart->y.lo, 0.05);
  EXPECT_LE(chart->y.lo, 0.098);
  EXPECT_DOUBLE_EQ(chart->series[0].points[0].lo, 0.098);
  EXPECT_DOUBLE_EQ(chart->series[0].points[0].hi, 0.102);
}

TEST(ChartSvg, EveryPointHasItsWhisker) {
  const std::string svg = svg_chart(overlapping_sweep());
  // Six points and the legend's sample, each a vertical stroke with two caps.
  EXPECT_EQ(occurrences(svg, "<path d=\"M"), 6u + 1u);
}

TEST(ChartSvg, CoincidingPointsSitSideBySide) {
  const std::string svg = svg_chart(overlapping_sweep());
  const auto circles = numbers(svg, R"re(<circle cx="([0-9.]+)")re");
  const auto squares = numbers(svg, R"re(<rect x="([0-9.]+)" y="[0-9.]+" width="12")re", 6);
  ASSERT_EQ(circles.size(), 3u + 1u);  // thread's points and its legend marker
  ASSERT_EQ(squares.size(), 3u + 1u);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_GE(squares[i] - circles[i], 10) << "point " << i;
  // The lines tell each other apart by dashes too.
  EXPECT_EQ(attribute_values(svg, "stroke-dasharray")[0], "");
  EXPECT_EQ(attribute_values(svg, "stroke-dasharray")[1], "12 7");
}

TEST(ChartText, EveryLegendEntryIsDrawn) {
  const auto chart = sweep_chart(overlapping_sweep());
  ASSERT_TRUE(chart);
  const std::string text = text_chart(*chart, 80, false);
  // Thread's ● would hide under async's ■ at every point; each shows, plus once in the legend.
  EXPECT_EQ(occurrences(text, "●"), 3u + 1u) << text;
  EXPECT_EQ(occurrences(text, "■"), 3u + 1u) << text;
  EXPECT_NE(text.find("markers side by side where points coincide"), std::string::npos);
  EXPECT_NE(text.find("⡇ min–max of the runs"), std::string::npos);
}
