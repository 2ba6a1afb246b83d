// The HTML report (--html), parsed rather than byte-compared: one page that opens offline, holds
// every part of the report, and shows whatever came from outside as text.
#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <string>

#include "markup.hpp"
#include "picture_fixtures.hpp"
#include "report/html.hpp"

using namespace concur;
using namespace concur::test;

namespace {

bool any_contains(const std::vector<std::string>& texts, std::string_view what) {
  return std::any_of(texts.begin(), texts.end(),
                     [&](const std::string& t) { return t.find(what) != std::string::npos; });
}

}  // namespace

TEST(HtmlReport, IsOnePageThatOpensOffline) {
  const std::string page = html_report(timeline_report());
  EXPECT_EQ(page.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_EQ(tag_problems(page), "");
  // Nothing to fetch: no address, no other file, no script.
  for (const char* reference : {"http:", "https:", "src=", "href=", "url(", "<script", "<link", "@import"})
    EXPECT_EQ(page.find(reference), std::string::npos) << reference;
  EXPECT_NE(page.find("<meta charset=\"utf-8\">"), std::string::npos);
  EXPECT_NE(page.find("@media print"), std::string::npos);
}

TEST(HtmlReport, HoldsEveryPartOfTheReport) {
  const std::string page = html_report(timeline_report());
  EXPECT_EQ(element_texts(page, "h1"), std::vector<std::string>{"concur-demo: sleep"});
  EXPECT_NE(page.find("2 cores · Test CPU · Linux 6.1"), std::string::npos) << "the machine header";
  EXPECT_NE(page.find("-O3 -DNDEBUG"), std::string::npos) << "the build flags stay in the HTML";
  const auto cells = element_texts(page, "td");
  for (const char* model : {"sequential", "thread", "async"}) EXPECT_TRUE(any_contains(cells, model)) << model;
  EXPECT_TRUE(any_contains(element_texts(page, "p"), "Takeaway: Waiting overlaps"));
  EXPECT_TRUE(any_contains(element_texts(page, "p"), "noisy: async")) << "the noise notes";
  // A timeline per row, on one time axis: the same scale and the same label column for all three.
  EXPECT_EQ(occurrences(page, "<g class=\"timeline\">"), 3u);
  EXPECT_EQ(occurrences(page, "<svg"), occurrences(page, "</svg>"));
  EXPECT_TRUE(any_contains(element_texts(page, "text"), "threads 1–4 · 1 task each"));
  EXPECT_TRUE(any_contains(element_texts(page, "text"), "tasks 1–4 · thread 1"));
  EXPECT_TRUE(any_contains(element_texts(page, "code"), "concur-demo sleep --model sequential,thread,async"));
  // Hover for each task: start, end, place and CPU time, with no script.
  EXPECT_TRUE(any_contains(element_texts(page, "title"), "task 2 · thread 1 · start 100.0 ms · end 200.0 ms · CPU"));
}

TEST(HtmlReport, TimelinesShareOneTimeAxis) {
  const std::string page = html_report(timeline_report());
  // Each row's axis ends at the slowest row's 400 ms, at the same place: one scale, one label column.
  const std::regex end_tick(R"re(<text x="([0-9.]+)" y="[0-9.]+">400</text>)re");
  std::vector<std::string> places;
  for (auto it = std::sregex_iterator(page.begin(), page.end(), end_tick); it != std::sregex_iterator(); ++it)
    places.push_back((*it)[1]);
  ASSERT_EQ(places.size(), 3u);
  EXPECT_EQ(places[0], places[1]);
  EXPECT_EQ(places[1], places[2]);
}

TEST(HtmlReport, ShowsWhatCameFromOutsideAsText) {
  Report report = timeline_report();
  report.scenarios[0].rows[1].verified = false;
  report.scenarios[0].rows[1].failure = "cannot read '<script>alert(1)</script>': denied";
  report.scenarios[0].params.push_back(
      {"dir", std::string("<img src=x onerror=alert(2)>"), "<img src=x onerror=alert(2)>"});
  report.command_line = "concur-demo files --dir '<b>'";
  const std::string page = html_report(report, "Tom & <Jerry>");
  EXPECT_EQ(tag_problems(page), "");
  EXPECT_EQ(page.find("<script>alert"), std::string::npos);
  EXPECT_EQ(page.find("<img"), std::string::npos);
  EXPECT_EQ(page.find("<b>"), std::string::npos);
  EXPECT_NE(page.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(page.find("&lt;img src=x onerror=alert(2)&gt;"), std::string::npos);
  EXPECT_EQ(element_texts(page, "h1"), std::vector<std::string>{"Tom &amp; &lt;Jerry&gt;"});
  EXPECT_EQ(element_texts(page, "title").front(), "Tom &amp; &lt;Jerry&gt;");
}

TEST(HtmlReport, ASweepShowsItsChart) {
  const std::string page = html_report(overlapping_sweep());
  EXPECT_EQ(tag_problems(page), "");
  EXPECT_EQ(page.find("http:"), std::string::npos) << "inline SVG needs no namespace address";
  EXPECT_EQ(occurrences(page, "<g class=\"series\">"), 2u);
  EXPECT_TRUE(any_contains(element_texts(page, "text"), "sleep: wall median vs tasks"));
  EXPECT_EQ(element_texts(page, "h1"), std::vector<std::string>{"concur-demo sweep: sleep"});
}

TEST(HtmlReport, ARunWithoutRecordsHasNoTimelines) {
  Report report = timeline_report();
  for (ModelResult& row : report.scenarios[0].rows) row.timeline.clear();
  const std::string page = html_report(report);
  EXPECT_EQ(tag_problems(page), "");
  EXPECT_EQ(page.find("<svg"), std::string::npos);
  EXPECT_EQ(page.find("How the tasks ran"), std::string::npos);
}
