// compare: reports read back from JSON, matched by scenario, setting and model, read against the
// first; and a file that is not such a report refused with one line naming it.
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "analysis/comparison.hpp"
#include "core/usage_error.hpp"
#include "picture_fixtures.hpp"
#include "report/compare_report.hpp"
#include "report/json_read.hpp"
#include "report/reporter.hpp"

using namespace concur;
using namespace concur::test;

namespace {

std::string json_of(const Report& report) {
  std::ostringstream out;
  make_reporter(Format::json, RenderOptions{})->write(report, out);
  return out.str();
}

// A machine's report of sleep with three models: pool with `workers`, slower with fewer.
Report machine(std::string cpu, std::int64_t workers) {
  Report report = timeline_report();
  report.machine.cpu = std::move(cpu);
  ScenarioResult& sleep = report.scenarios[0];
  sleep.rows[0] = picture_row("sequential", 4, 0.4);
  sleep.rows[1] = picture_row("pool", 4, workers == 1 ? 0.4 : 0.2);
  sleep.rows[1].workers = workers;
  sleep.rows[2] = picture_row("async", 4, workers == 1 ? 0.1005 : 0.1);
  return report;
}

std::string refusal(const std::string& text) {
  try {
    (void)parse_json_report(text, "x.json");
  } catch (const UsageError& e) {
    return e.what();
  }
  return "(accepted)";
}

}  // namespace

TEST(CompareRead, AReportComesBackAsItWasWritten) {
  const Report written = machine("Alpha", 2);
  const Report read = parse_json_report(json_of(written), "a.json");
  EXPECT_EQ(read.machine.cpu, "Alpha");
  EXPECT_EQ(read.command_line, written.command_line);
  ASSERT_EQ(read.scenarios.size(), 1u);
  EXPECT_EQ(read.scenarios[0].scenario, "sleep");
  EXPECT_EQ(setting_of(read.scenarios[0]), "4 tasks · delay 100ms");
  ASSERT_EQ(read.scenarios[0].rows.size(), 3u);
  EXPECT_EQ(read.scenarios[0].rows[1].model, "pool");
  EXPECT_EQ(read.scenarios[0].rows[1].workers, 2);
  EXPECT_DOUBLE_EQ(read.scenarios[0].rows[1].wall_s.median, 0.2);
  EXPECT_DOUBLE_EQ(read.scenarios[0].rows[1].wall_s.max, 0.202);
}

TEST(CompareRead, AnythingElseIsOneLineNamingTheFile) {
  EXPECT_EQ(refusal("not json"), "x.json: not JSON (a concur-demo report is written by --export-json)");
  EXPECT_EQ(refusal(R"({"tool": "hyperfine"})"), "x.json: not a concur-demo report (no \"tool\": \"concur-demo\")");
  EXPECT_EQ(refusal(R"({"tool": "concur-demo"})"),
            "x.json: no schema_version: written by an older concur-demo; export it again");
  EXPECT_EQ(refusal(R"({"tool": "concur-demo", "schema_version": 2})"),
            "x.json: schema_version 2, this concur-demo reads 1");
  std::string broken = json_of(machine("Alpha", 2));
  broken.replace(broken.find("\"median\": 0.4"), 13, "\"median\": \"slow\"");
  EXPECT_EQ(refusal(broken), "x.json: results[0].wall_s.median is not a number");
  std::string missing = json_of(machine("Alpha", 2));
  missing.replace(missing.find("\"model\""), 7, "\"modle\"");
  EXPECT_EQ(refusal(missing), "x.json: results[0].model is missing");
}

TEST(Compare, CellsAreReadAgainstTheFirstReport) {
  const std::vector<Report> reports{machine("Alpha", 2), machine("Beta", 1)};
  const std::vector<std::string> names{"a.json", "b.json"};
  const Comparison c = compare_reports(reports, names);
  ASSERT_EQ(c.rows.size(), 3u);
  EXPECT_TRUE(c.not_compared.empty());
  const ComparedRow& pool = c.rows[1];
  EXPECT_EQ(pool.model, "pool");
  ASSERT_TRUE(pool.cells[1].ratio);
  EXPECT_DOUBLE_EQ(*pool.cells[1].ratio, 2.0);
  EXPECT_FALSE(pool.cells[1].within_noise) << "0.396–0.404 s against 0.198–0.202 s";
  EXPECT_TRUE(c.rows[2].cells[1].within_noise) << "async: 100.5 ms ±1 % overlaps 100 ms ±1 %";
  EXPECT_FALSE(c.rows[0].cells[0].ratio) << "the first report is the reference";
  EXPECT_EQ(cell_text(pool, 1), "400.0 ms 2.00×   (1 worker)");
  EXPECT_EQ(cell_text(c.rows[2], 1), "100.5 ms 1.00× ≈");
}

TEST(Compare, RowsThatDoNotMatchAreListedNotMixedIn) {
  Report other = machine("Beta", 2);
  other.scenarios[0].params[0].display = "50ms";  // another delay: another setting
  other.scenarios.push_back(machine("Beta", 2).scenarios[0]);
  other.scenarios[1].rows.pop_back();  // no async at 100ms
  const std::vector<Report> reports{machine("Alpha", 2), other};
  const std::vector<std::string> names{"a.json", "b.json"};
  const Comparison c = compare_reports(reports, names);
  EXPECT_EQ(c.rows.size(), 2u) << "sequential and pool at 100ms";
  ASSERT_EQ(c.not_compared.size(), 4u);
  EXPECT_EQ(c.not_compared[0], "a.json: sleep · 4 tasks · delay 100ms · async: in no other report");
  EXPECT_EQ(c.not_compared[1],
            "b.json: sleep · 4 tasks · delay 50ms · sequential: not in a.json, the report the others are read against");
  const std::string table = render_comparison(c, Format::table, RenderOptions{});
  EXPECT_NE(table.find("not compared: a.json: sleep · 4 tasks · delay 100ms · async"), std::string::npos) << table;
  EXPECT_NE(table.find("A  a.json — 2 cores · Alpha · Linux 6.1 · Release build"), std::string::npos) << table;
}

TEST(Compare, EveryFormatCarriesTheCells) {
  const std::vector<Report> reports{machine("Alpha", 2), machine("Beta", 1)};
  const std::vector<std::string> names{"a.json", "b&c.json"};
  const Comparison c = compare_reports(reports, names);
  EXPECT_NE(render_comparison(c, Format::markdown, RenderOptions{}).find("| pool | 200.0 ms (2 workers) |"),
            std::string::npos);
  const std::string csv = render_comparison(c, Format::csv, RenderOptions{});
  EXPECT_NE(csv.find("sleep,4 tasks · delay 100ms,pool,B,b&c.json,2,Beta,Linux 6.1,1,true,0.400000,0.396000,0.404000,"
                     "2.0000,false\r\n"),
            std::string::npos)
      << csv;
  const std::string json = render_comparison(c, Format::json, RenderOptions{});
  EXPECT_NE(json.find("\"within_noise\": false"), std::string::npos);
  const std::string html = comparison_html(c, "", "concur-demo compare a.json 'b&c.json'");
  EXPECT_NE(html.find("b&amp;c.json"), std::string::npos);
  EXPECT_EQ(html.find("b&c"), std::string::npos);
}
