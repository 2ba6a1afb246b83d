// Reporter tests: golden files pin the exact bytes of every format (regenerate with
// UPDATE_GOLDEN=1 and review the diff), behavioural tests pin what scripts and renderers
// rely on, so a deliberate layout change only touches the golden files.
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

namespace concur {
namespace {

RunRecord run(double wall_s, double cpu_s, std::int64_t rss, std::int64_t threads, std::int64_t in_flight,
              bool verified = true) {
  RunRecord record;
  record.wall_s = wall_s;
  record.cpu_s = cpu_s;
  record.peak_rss_kib = rss;
  record.voluntary_ctx = 21;
  record.involuntary_ctx = 2;
  record.os_threads = threads;
  record.processes = 1;
  record.max_in_flight = in_flight;
  record.verified = verified;
  record.memory_growth_kib = 40 * in_flight;
  return record;
}

ModelResult row(std::string model, std::int64_t tasks, std::int64_t workers, Stats wall, double cpu_s, std::int64_t rss,
                std::int64_t threads, std::int64_t in_flight, std::optional<double> speedup, double overhead_us) {
  ModelResult result;
  result.model = std::move(model);
  result.tasks = tasks;
  result.workers = workers;
  result.verified = true;
  result.wall_s = wall;
  result.cpu_s = cpu_s;
  result.peak_rss_kib = rss;
  result.os_threads = threads;
  result.processes = 1;
  result.max_in_flight = in_flight;
  result.speedup = speedup;
  result.overhead_per_task_us = overhead_us;
  result.runs = {run(wall.min, cpu_s, rss, threads, in_flight), run(wall.median, cpu_s, rss, threads, in_flight),
                 run(wall.max, cpu_s, rss, threads, in_flight)};
  derive_row_metrics(result);
  return result;
}

// Fixed values chosen to exercise every unit switch, an absent speedup, a failure that
// needs quoting in CSV and escaping in markdown, and all three parameter value types.
Report fixed_report() {
  Report report;
  report.version = "0.1.0";
  report.machine.cores = 2;
  report.machine.cpu = "Intel(R) Xeon(R) CPU @ 2.20GHz";
  report.machine.os = "Linux 6.1.0-18-amd64";
  report.machine.compiler = "GCC 12.2.0";
  report.machine.boost = "1.81";
  report.machine.build = "Debug";
  report.machine.flags = "-g -Wall";
  report.machine.governor = "performance";
  report.machine.optimised = false;
  report.machine.warnings = {"unoptimised build: timings are not representative"};
  report.calibration.bookkeeping_ns_per_task = 48.5;

  ScenarioResult sleep;
  sleep.scenario = "sleep";
  sleep.title = "each task waits on a timer, nothing to compute (I/O-bound)";
  sleep.params = {{"delay_ms", std::int64_t{100}, "100 ms"}};
  sleep.tasks = 20;
  sleep.back_to_back_s = 2.0;
  sleep.perfect_overlap_s = 0.1;
  sleep.takeaway =
      "Waiting overlaps: async ran 20 sleeps in about one delay on one OS thread in one "
      "process, while the pool is capped at its 2 workers and needs about 10 delays.";
  sleep.rows.push_back(
      row("sequential", 20, 1, {2.0031, 2.0012, 2.0064, 2.0036, 0.0026}, 0.0012, 4200, 1, 1, 1.0, 150.0));
  sleep.rows.push_back(
      row("async", 20, 1, {0.10121, 0.10083, 0.10312, 0.10172, 0.00123}, 0.00085, 5300, 1, 20, 19.79, 60.0));
  sleep.rows.back().note = "timers on one io_context";
  ModelResult pool = row("pool", 20, 2, {1.0021, 0.9995, 1.0102, 1.0039, 0.0055}, 0.0009, 812, 3, 2, 1.9988, 0.52);
  pool.verified = false;
  pool.runs[1].verified = false;
  pool.failure = "task 7 returned 0, expected \"7\" | pool drained early";
  pool.noise = {31.2, {2}, true};
  sleep.rows.push_back(pool);
  report.scenarios.push_back(sleep);

  ScenarioResult factorial;
  factorial.scenario = "factorial";
  factorial.title = "n! with big integers (CPU-bound)";
  factorial.params = {{"n", std::int64_t{40000}, "40000"},
                      {"per_task_s", 0.122, "≈122 ms"},
                      {"backend", std::string("cpp_int"), "cpp_int"}};
  factorial.tasks = 4;
  factorial.back_to_back_s = 0.488;
  factorial.perfect_overlap_s = 0.244;
  factorial.takeaway = "CPU work gains only from real parallelism: threads used both cores.";
  factorial.rows.push_back(
      row("thread", 4, 4, {0.2451, 0.2402, 0.2533, 0.2462, 0.0066}, 0.4823, 1536000, 5, 4, std::nullopt, 12.5));
  report.scenarios.push_back(factorial);
  attribute_bookkeeping(report);
  return report;
}

std::string render(std::string_view format, const Report& report, bool color = false) {
  const auto known = find_format(format);
  if (!known) {
    ADD_FAILURE() << "no reporter for " << format;
    return {};
  }
  const auto reporter = make_reporter(*known, RenderOptions{color, 100});
  std::ostringstream out;
  reporter->write(report, out);
  return out.str();
}

using concur::test::expect_golden;

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// RFC 4180 reader, independent of the writer: quoted fields may hold commas, doubled
// quotes and line breaks; records end in CRLF (a bare LF is accepted too).
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      record.push_back(std::move(field));
      field.clear();
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      record.push_back(std::move(field));
      field.clear();
      records.push_back(std::move(record));
      record.clear();
    } else {
      field += c;
    }
  }
  EXPECT_FALSE(quoted) << "unterminated quoted field";
  EXPECT_TRUE(field.empty() && record.empty()) << "last record lacks its line end";
  return records;
}

std::size_t unescaped_pipes(const std::string& line) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\\') {
      ++i;
    } else if (line[i] == '|') {
      ++count;
    }
  }
  return count;
}

// ---- golden output ----------------------------------------------------------------------

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

// --timeline: each row's chart under it, all on one scale, from fixed records.
namespace concur {
namespace {

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
