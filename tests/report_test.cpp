// Reporter tests: golden files pin the exact bytes of every format (regenerate with
// UPDATE_GOLDEN=1 and review the diff), and the JSON contract that scripts rely on, so a
// deliberate layout change only touches the golden files.
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

TEST(ReportGolden, Table) { expect_golden("report.table.txt", render("table", fixed_report())); }

TEST(ReportGolden, Markdown) { expect_golden("report.markdown.md", render("markdown", fixed_report())); }

TEST(ReportGolden, Csv) { expect_golden("report.csv", render("csv", fixed_report())); }

TEST(ReportGolden, Json) { expect_golden("report.json", render("json", fixed_report())); }

// ---- factory ----------------------------------------------------------------------------

TEST(ReporterFactory, KnowsEveryListedFormatAndNothingElse) {
  std::vector<std::string_view> names;
  for (const FormatInfo& f : formats()) names.push_back(f.name);
  EXPECT_EQ(names, (std::vector<std::string_view>{"table", "markdown", "csv", "json"}));
  for (const FormatInfo& f : formats()) {
    EXPECT_EQ(find_format(f.name), f.format) << f.name;
    EXPECT_EQ(&format_info(f.format), &f) << f.name;
    EXPECT_NE(make_reporter(f.format, {}), nullptr) << f.name;
    EXPECT_NE(make_reporter(f.format, {}, true), nullptr) << f.name;
  }
  EXPECT_EQ(find_format("yaml"), std::nullopt);
  EXPECT_EQ(find_format(""), std::nullopt);
  EXPECT_EQ(find_format("Table"), std::nullopt);
}

TEST(ReporterFactory, EveryFormatRendersAnEmptyReport) {
  for (const FormatInfo& f : formats()) {
    EXPECT_FALSE(render(f.name, Report{}).empty()) << f.name;
  }
}

// ---- json -------------------------------------------------------------------------------

TEST(JsonReport, FollowsTheContract) {
  const std::string text = render("json", fixed_report());
  ASSERT_FALSE(text.empty());
  EXPECT_EQ(text.back(), '\n');
  const auto doc = nlohmann::ordered_json::parse(text);

  EXPECT_EQ(doc.at("tool"), "concur-demo");
  EXPECT_TRUE(doc.at("version").is_string());
  const auto& machine = doc.at("machine");
  EXPECT_TRUE(machine.at("cores").is_number_integer());
  for (const char* key : {"cpu", "os", "compiler", "boost", "build"}) {
    EXPECT_TRUE(machine.at(key).is_string()) << key;
  }

  const auto& results = doc.at("results");
  ASSERT_TRUE(results.is_array());
  ASSERT_EQ(results.size(), 4u);
  const std::vector<std::string> contract_order{
      "scenario", "model",        "tasks",      "workers",   "params",        "verified", "wall_s",
      "cpu_s",    "peak_rss_kib", "os_threads", "processes", "max_in_flight", "speedup",  "overhead_per_task_us",
      "runs"};
  for (const auto& result : results) {
    // Contract keys appear, in contract order, with added keys allowed in between.
    std::size_t next = 0;
    for (const auto& item : result.items()) {
      if (next < contract_order.size() && item.key() == contract_order[next]) ++next;
    }
    EXPECT_EQ(next, contract_order.size()) << result.dump();

    EXPECT_TRUE(result.at("scenario").is_string());
    EXPECT_TRUE(result.at("model").is_string());
    EXPECT_TRUE(result.at("tasks").is_number_integer());
    EXPECT_TRUE(result.at("workers").is_number_integer());
    EXPECT_TRUE(result.at("params").is_object());
    EXPECT_TRUE(result.at("verified").is_boolean());
    for (const char* key : {"median", "min", "max", "mean", "stddev"}) {
      EXPECT_TRUE(result.at("wall_s").at(key).is_number()) << key;
    }
    EXPECT_TRUE(result.at("cpu_s").is_number());
    for (const char* key : {"peak_rss_kib", "os_threads", "processes", "max_in_flight"}) {
      EXPECT_TRUE(result.at(key).is_number_integer()) << key;
    }
    EXPECT_TRUE(result.at("speedup").is_number() || result.at("speedup").is_null());
    EXPECT_TRUE(result.at("overhead_per_task_us").is_number());
    ASSERT_TRUE(result.at("runs").is_array());
    EXPECT_EQ(result.at("runs").size(), 3u);
    for (const auto& one : result.at("runs")) {
      EXPECT_TRUE(one.at("wall_s").is_number());
      EXPECT_TRUE(one.at("cpu_s").is_number());
      for (const char* key : {"peak_rss_kib", "voluntary_ctx", "involuntary_ctx"}) {
        EXPECT_TRUE(one.at(key).is_number_integer()) << key;
      }
    }
  }

  EXPECT_EQ(results[0].at("params").at("delay_ms"), 100);
  EXPECT_TRUE(results[0].at("params").at("delay_ms").is_number_integer());
  EXPECT_DOUBLE_EQ(results[1].at("speedup").get<double>(), 19.79);
  EXPECT_DOUBLE_EQ(results[1].at("wall_s").at("median").get<double>(), 0.10121);
  EXPECT_EQ(results[1].at("note"), "timers on one io_context");
  EXPECT_FALSE(results[0].contains("failure"));
  EXPECT_FALSE(results[0].contains("note"));
  EXPECT_EQ(results[2].at("verified"), false);
  EXPECT_EQ(results[2].at("failure"), "task 7 returned 0, expected \"7\" | pool drained early");
  EXPECT_EQ(results[3].at("scenario"), "factorial");
  EXPECT_TRUE(results[3].at("speedup").is_null());
  EXPECT_TRUE(results[3].at("params").at("per_task_s").is_number_float());
  EXPECT_EQ(results[3].at("params").at("backend"), "cpp_int");
}

TEST(JsonReport, CarriesNoiseCalibrationAndTheMachineBuild) {
  const auto doc = nlohmann::ordered_json::parse(render("json", fixed_report()));
  EXPECT_EQ(doc.at("machine").at("flags"), "-g -Wall");
  EXPECT_EQ(doc.at("machine").at("governor"), "performance");
  EXPECT_EQ(doc.at("machine").at("optimised"), false);
  EXPECT_EQ(doc.at("machine").at("warnings").size(), 1u);
  EXPECT_DOUBLE_EQ(doc.at("calibration").at("bookkeeping_ns_per_task").get<double>(), 48.5);
  EXPECT_FALSE(doc.contains("sweep"));
  const auto& pool = doc.at("results")[2];
  EXPECT_EQ(pool.at("noise").at("noisy"), true);
  EXPECT_EQ(pool.at("noise").at("outliers"), nlohmann::ordered_json::array({2}));
  EXPECT_EQ(pool.at("runs")[2].at("outlier"), true);
  EXPECT_EQ(pool.at("runs")[0].at("outlier"), false);
  for (const auto& result : doc.at("results")) {
    for (const char* key : {"cpu_utilisation", "rss_per_task_kib", "bookkeeping_share"})
      EXPECT_TRUE(result.at(key).is_number()) << key;
    for (const char* key : {"voluntary_ctx", "involuntary_ctx"}) EXPECT_TRUE(result.at(key).is_number_integer()) << key;
    EXPECT_FALSE(result.contains("sweep_value"));
  }
  // 20 tasks × 48.5 ns over a 101.21 ms median.
  EXPECT_NEAR(doc.at("results")[1].at("bookkeeping_share").get<double>(), 20 * 48.5e-9 / 0.10121, 1e-12);
}

// ---- --timeline: each row's chart under it, all on one scale, from fixed records ------

TaskRecord span(std::int64_t start_ms, std::int64_t end_ms, std::int32_t tid, double computing,
                std::int32_t end_tid = 0) {
  TaskRecord t{start_ms * 1'000'000, end_ms * 1'000'000, 4242, tid, end_tid == 0 ? tid : end_tid, 0,
               start_ms * 1'000'000};
  t.cpu_ns = static_cast<std::int64_t>(computing * static_cast<double>(t.end_ns - t.start_ns));
  return t;
}

TEST(ReportGolden, TableWithTimelines) {
  Report report = fixed_report();
  auto& sleep = report.scenarios[0];
  for (auto& row : sleep.rows) {
    const bool overlaps = row.model != "sequential";
    for (int i = 0; i < 4; ++i)
      row.timeline.push_back(overlaps ? span(0, 100, 11, 0.0)
                                      : span(std::int64_t{i} * 500, std::int64_t{i} * 500 + 500, 11, 0.0));
    row.timeline_wall_s = overlaps ? 0.1 : 2.0;
  }
  auto& factorial = report.scenarios[1];
  for (int i = 0; i < 4; ++i) factorial.rows[0].timeline.push_back(span(0, 245, 20 + i, 0.5));
  factorial.rows[0].timeline_wall_s = 0.245;
  const auto reporter = make_reporter(Format::table, RenderOptions{false, 100, true});
  std::ostringstream out;
  reporter->write(report, out);
  expect_golden("report.table-timeline.txt", out.str());
}

}  // namespace
}  // namespace concur