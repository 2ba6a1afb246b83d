// The timelines as one SVG for slides (--timeline-svg, --svg on a run), from fixed records.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "markup.hpp"
#include "picture_fixtures.hpp"
#include "report/timeline_svg.hpp"

using namespace concur;
using namespace concur::test;

TEST(TimelineSvg, IsAPictureForSlides) {
  const std::string svg = timeline_svg(timeline_report());
  EXPECT_EQ(svg.rfind("<?xml", 0), 0u);
  EXPECT_NE(svg.find("<svg xmlns=\"http://www.w3.org/2000/svg\""), std::string::npos);
  EXPECT_EQ(tag_problems(svg), "");
  EXPECT_GE(smallest_font(svg), 18.0) << "readable from the back of a classroom";
  const auto texts = element_texts(svg, "text");
  // The model names and their walls, a time axis in ms, the legend once.
  for (const char* line :
       {"sequential — median run 400.0 ms · at most 1 in flight", "thread — median run 100.0 ms · at most 4 in flight",
        "async — median run 100.0 ms · at most 4 in flight"})
    EXPECT_NE(std::find(texts.begin(), texts.end(), line), texts.end()) << line;
  EXPECT_EQ(std::count(texts.begin(), texts.end(), "time (ms)"), 3);
  EXPECT_EQ(std::count(texts.begin(), texts.end(), "waiting"), 1);
  EXPECT_NE(svg.find("sleep · 4 tasks · delay 100ms"), std::string::npos);
}

TEST(TimelineSvg, SummarisesLanesLikeTheTerminal) {
  Report report = timeline_report();
  ModelResult& thread = report.scenarios[0].rows[1];
  thread.timeline.clear();
  for (int i = 0; i < 100; ++i) thread.timeline.push_back(task_record(0, 100, 1000 + i, 0.0));
  const std::string svg = timeline_svg(report);
  const auto texts = element_texts(svg, "text");
  EXPECT_NE(std::find(texts.begin(), texts.end(), "threads 1–100 · 1 task each"), texts.end());
  EXPECT_EQ(std::count_if(texts.begin(), texts.end(), [](const std::string& t) { return t.rfind("task ", 0) == 0; }), 4)
      << "only sequential's four lanes are per task";
}

TEST(TimelineSvg, ComputingIsDarkAndAsTallAsItsShare) {
  Report report = timeline_report();
  report.scenarios[0].rows = {report.scenarios[0].rows[1]};
  ModelResult& row = report.scenarios[0].rows[0];
  row.timeline = {task_record(0, 100, 20, 1.0), task_record(0, 100, 21, 0.5), task_record(0, 100, 22, 0.0)};
  const std::string svg = timeline_svg(report);
  const auto fills = attribute_values(svg, "fill");
  // The legend's swatch, then a full-height bar for task 1 and a half-height one for task 2.
  EXPECT_EQ(std::count(fills.begin(), fills.end(), "#0A4F8C"), 1 + 2);
  const auto heights = attribute_values(svg, "height");
  EXPECT_NE(std::find(heights.begin(), heights.end(), "24"), heights.end());
  EXPECT_NE(std::find(heights.begin(), heights.end(), "12"), heights.end());
}

TEST(TimelineSvg, TitleAndARunWithoutRecords) {
  Report report = timeline_report();
  EXPECT_NE(timeline_svg(report, PictureOptions{.title = "Week 3: <waiting>", .use = SvgUse::file})
                .find("<title>Week 3: &lt;waiting&gt;</title>"),
            std::string::npos);
  for (ModelResult& row : report.scenarios[0].rows) row.timeline.clear();
  const std::string svg = timeline_svg(report);
  EXPECT_EQ(tag_problems(svg), "");
  EXPECT_NE(svg.find("no task records to draw"), std::string::npos);
}
