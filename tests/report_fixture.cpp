// The fixed report every reporter test renders, and the small readers (CSV, lines, pipes)
// the tests use to check what a reporter wrote without trusting the writer.
#include "report_fixture.hpp"

#include <sstream>

#include <gtest/gtest.h>

#include "analysis/row_metrics.hpp"
#include "measure/calibration.hpp"

namespace concur::test {
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
}  // namespace

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

std::string render(std::string_view format, const Report& report, bool color) {
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
}  // namespace concur::test
