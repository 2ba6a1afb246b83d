// What renderers and scripts rely on in each text format: CSV rectangular and quoted,
// Markdown cells aligned, colour only when asked, and the units every format prints.
#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "analysis/row_metrics.hpp"
#include "golden.hpp"
#include "measure/calibration.hpp"
#include "report/reporter.hpp"
#include "report/units.hpp"
#include "report_fixture.hpp"

namespace concur {
namespace {

using namespace concur::test;

// ---- csv --------------------------------------------------------------------------------

// Index of `name` in a CSV header, so tests name columns instead of counting them.
std::size_t column(const std::vector<std::string>& header, std::string_view name) {
  const auto it = std::find(header.begin(), header.end(), name);
  EXPECT_NE(it, header.end()) << "no column " << name;
  return static_cast<std::size_t>(it - header.begin());
}

TEST(CsvReport, IsRectangularWithOneRecordPerRow) {
  const std::string text = render("csv", fixed_report());
  const auto records = parse_csv(text);
  ASSERT_EQ(records.size(), 1u + 4u);
  const auto& header = records[0];
  ASSERT_EQ(header.size(), 27u + 4u);
  EXPECT_EQ(header[0], "scenario");
  EXPECT_EQ(header[26], "failure");   // the last fixed column: free text
  EXPECT_EQ(header[27], "delay_ms");  // parameter union, in first-seen order
  EXPECT_EQ(header[28], "n");
  EXPECT_EQ(header[29], "per_task_s");
  EXPECT_EQ(header[30], "backend");
  EXPECT_EQ(std::find(header.begin(), header.end(), "sweep_key"), header.end());  // only in a sweep
  for (const auto& record : records) EXPECT_EQ(record.size(), header.size());

  const auto at = [&](std::size_t record, std::string_view name) { return records[record][column(header, name)]; };
  EXPECT_EQ(at(1, "model"), "sequential");
  EXPECT_EQ(at(1, "delay_ms"), "100");
  EXPECT_EQ(at(1, "n"), "");
  EXPECT_EQ(at(2, "wall_median_s"), "0.101210");
  EXPECT_EQ(at(3, "verified"), "false");
  EXPECT_EQ(at(3, "failure"), "task 7 returned 0, expected \"7\" | pool drained early");
  EXPECT_EQ(at(3, "noisy"), "true");
  EXPECT_EQ(at(3, "outliers"), "1");
  EXPECT_EQ(at(1, "noisy"), "false");
  EXPECT_EQ(at(1, "bookkeeping_ns_per_task"), "48.5");
  EXPECT_EQ(at(4, "speedup"), "");  // speedup absent
  EXPECT_EQ(at(4, "delay_ms"), "");
  EXPECT_EQ(at(4, "n"), "40000");
  EXPECT_EQ(at(4, "per_task_s"), "0.122");
  EXPECT_EQ(at(4, "rss_per_task_kib"), "40");  // 40 KiB growth per task in flight / tasks, all 4 in flight
  for (std::size_t r = 1; r < records.size(); ++r) {
    EXPECT_GT(std::stod(at(r, "cpu_utilisation")), 0) << r;
    EXPECT_GT(std::stod(at(r, "bookkeeping_share")), 0) << r;
    EXPECT_EQ(at(r, "voluntary_ctx"), "21");
    EXPECT_EQ(at(r, "involuntary_ctx"), "2");
  }
}

TEST(CsvReport, QuotesLineBreaksInsideAField) {
  Report report = fixed_report();
  report.scenarios[0].rows[2].failure = "first line\nsecond line";
  const auto records = parse_csv(render("csv", report));
  ASSERT_EQ(records.size(), 5u);
  EXPECT_EQ(records[3][column(records[0], "failure")], "first line\nsecond line");
}

// ---- markdown ---------------------------------------------------------------------------

TEST(MarkdownReport, TablesHaveTheSameCellCountOnEveryLine) {
  Report report = fixed_report();
  report.scenarios[0].rows[0].model = "odd|name";  // a pipe in cell text must not add a cell
  const std::string text = render("markdown", report);
  std::size_t table_lines = 0;
  for (const std::string& line : lines_of(text)) {
    if (line.empty() || line[0] != '|') continue;
    ++table_lines;
    EXPECT_EQ(unescaped_pipes(line), 12u) << line;
  }
  EXPECT_EQ(table_lines, 2u + 3u + 2u + 1u);  // header and separator per table, then rows
  EXPECT_NE(text.find("odd\\|name"), std::string::npos);
  EXPECT_NE(text.find("### sleep — "), std::string::npos);
  EXPECT_NE(text.find("---:"), std::string::npos);
}

// ---- table ------------------------------------------------------------------------------

TEST(TableReport, ColourOnlyWhenAsked) {
  const std::string plain = render("table", fixed_report(), false);
  EXPECT_EQ(plain.find('\x1b'), std::string::npos);
  const std::string colored = render("table", fixed_report(), true);
  EXPECT_NE(colored.find('\x1b'), std::string::npos);
  EXPECT_NE(colored.find("\x1b[32m✓"), std::string::npos);  // green check
  EXPECT_NE(colored.find("\x1b[31m✗"), std::string::npos);  // red cross
}

TEST(TableReport, ShowsEveryRowAndRemark) {
  const std::string text = render("table", fixed_report());
  EXPECT_EQ(text.rfind("concur-demo 0.1.0", 0), 0u);  // machine line first
  for (const char* expected :
       {"sequential", "async", "pool", "thread", "ideal: back to back 2.000 s", "perfect overlap 100.0 ms", "19.8×",
        "takeaway: ", "  async: timers on one io_context", "  pool:  ✗ task 7 returned 0"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected;
  }
  EXPECT_NE(text.find("\n\nfactorial — "), std::string::npos);  // blank line between blocks
}

TEST(MarkdownReport, CarriesTheSameWarnings) {
  const std::string text = render("markdown", fixed_report());
  EXPECT_NE(text.find("> ⚠ unoptimised build"), std::string::npos);
  EXPECT_NE(text.find("- ⚠ noisy: pool"), std::string::npos);
  EXPECT_NE(text.find("- bookkeeping: 48.5 ns per task"), std::string::npos);
}

// ---- units ------------------------------------------------------------------------------

TEST(Units, SecondsPickAUnitByMagnitude) {
  EXPECT_EQ(format_seconds(2.003), "2.003 s");
  EXPECT_EQ(format_seconds(2.0), "2.000 s");
  EXPECT_EQ(format_seconds(0.1012), "101.2 ms");
  EXPECT_EQ(format_seconds(0.1), "100.0 ms");
  EXPECT_EQ(format_seconds(0.00085), "850 µs");
  EXPECT_EQ(format_seconds(0.0000123), "12.3 µs");
  EXPECT_EQ(format_seconds(0.99996), "1.000 s");  // rounding decides the unit
  EXPECT_EQ(format_seconds(12.34567), "12.35 s");
  EXPECT_EQ(format_seconds(0), "0 s");
  EXPECT_EQ(format_seconds_range(2.0012, 2.0064), "2.001–2.006 s");
  EXPECT_EQ(format_seconds_range(0.9995, 1.0102), "999.5 ms–1.010 s");
}

TEST(Units, SizesAndSpeedups) {
  EXPECT_EQ(format_kib(812), "812 KiB");
  EXPECT_EQ(format_kib(4200), "4.1 MiB");
  EXPECT_EQ(format_kib(1536000), "1.5 GiB");
  EXPECT_EQ(format_speedup(19.79), "19.8×");
  EXPECT_EQ(format_speedup(1.0), "1.00×");
  EXPECT_EQ(format_speedup(123.4), "123×");
  EXPECT_EQ(format_percent(0.00021), "0.021 %");
  EXPECT_EQ(format_percent(0.045), "4.5 %");
  EXPECT_EQ(format_percent(0.45), "45 %");
  EXPECT_EQ(format_percent(0.0), "0 %");
  EXPECT_EQ(format_percent(1e-9), "< 0.001 %");
  EXPECT_EQ(format_utilisation(1.966), "1.97");
}

TEST(Units, WidthCountsCodePointsNotBytes) {
  EXPECT_EQ(display_width("✓"), 1u);
  EXPECT_EQ(display_width("850 µs"), 6u);
  EXPECT_EQ(display_width("1.00×"), 5u);
  EXPECT_EQ(display_width("2.001–2.006 s"), 13u);
  EXPECT_EQ(pad("✓", 3), "✓  ");
  EXPECT_EQ(pad("µs", 4, Align::right), "  µs");
  EXPECT_EQ(pad("wider", 2), "wider");
  EXPECT_EQ(param_label("delay_ms"), "delay");
  EXPECT_EQ(param_label("per_task_s"), "per task");
  EXPECT_EQ(param_label("n"), "n");
}

}  // namespace
}  // namespace concur
