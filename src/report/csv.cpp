// CSV for spreadsheets and scripts: raw numbers in base units (seconds, KiB, µs), one row
// per scenario and model. Human units would make every column a string to re-parse.
#include <algorithm>
#include <iterator>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include <fmt/format.h>

#include "report/formats.hpp"

namespace concur {
namespace {

constexpr std::string_view fixed_columns[] = {
    "scenario",
    "model",
    "tasks",
    "workers",
    "verified",
    "wall_median_s",
    "wall_min_s",
    "wall_max_s",
    "wall_mean_s",
    "wall_stddev_s",
    "cpu_s",
    "peak_rss_kib",
    "os_threads",
    "processes",
    "max_in_flight",
    "speedup",
    "overhead_per_task_us",
    "cpu_utilisation",
    "voluntary_ctx",
    "involuntary_ctx",
    "rss_per_task_kib",
    "wall_range_pct",
    "outliers",
    "noisy",
    "bookkeeping_ns_per_task",
    "bookkeeping_share",
    "failure",
};

// In a sweep, which option was varied and its value for the row; after the parameters, so an
// ordinary run's sheet keeps its shape.
constexpr std::string_view sweep_columns[] = {"sweep_key", "sweep_value"};

// RFC 4180 records end in CRLF, inside quoted fields line breaks stay as they are.
constexpr std::string_view record_end = "\r\n";

// RFC 4180 has no escape for control characters, and a CSV is often read on a terminal (cat,
// less -R, --format csv without -o): an escape sequence in a file name or an error text is written
// as the visible \x1b, never as the byte. Tabs and line breaks inside a quoted field stay.
std::string quoted(std::string_view field) {
  std::string out = "\"";
  bool needs_quotes = false;
  for (const char c : field) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && c != '\t' && c != '\r' && c != '\n') || byte == 0x7f) {
      out += fmt::format("\\x{:02x}", byte);
      continue;
    }
    needs_quotes = needs_quotes || c == ',' || c == '"' || c == '\r' || c == '\n';
    if (c == '"') out += '"';
    out += c;
  }
  if (!needs_quotes) return out.substr(1);
  return out + '"';
}

// Microsecond resolution is finer than any timer jitter we measure, and fixed notation
// keeps every value a plain decimal (no 1e-05 surprising a spreadsheet).
std::string seconds(double value) { return fmt::format("{:.6f}", value); }

// Shortest plain decimal: fixed notation, trailing zeros trimmed.
std::string plain_decimal(double value, int decimals = 6) {
  std::string text = fmt::format("{:.{}f}", value, decimals);
  if (text.find('.') != std::string::npos) {
    text.erase(text.find_last_not_of('0') + 1);
    if (text.back() == '.') text.pop_back();
  }
  return text;
}

std::string param_value(const Param& param) {
  return std::visit(
      [](const auto& value) -> std::string {
        using T = std::decay_t<decltype(value)>;
        if constexpr (std::is_same_v<T, std::string>) {
          return value;
        } else if constexpr (std::is_same_v<T, double>) {
          return plain_decimal(value);
        } else {
          return fmt::format("{}", value);
        }
      },
      param.value);
}

// Scenarios take different parameters; the union keeps one rectangular sheet.
std::vector<std::string> param_keys_of(const Report& report) {
  std::vector<std::string> keys;
  for (const ScenarioResult& scenario : report.scenarios)
    for (const Param& param : scenario.params)
      if (std::find(keys.begin(), keys.end(), param.key) == keys.end()) keys.push_back(param.key);
  return keys;
}

// The measured columns of one row, in the order of fixed_columns.
std::vector<std::string> measured_fields(const Report& report, const ScenarioResult& scenario, const ModelResult& row) {
  return {
      scenario.scenario,
      row.model,
      fmt::format("{}", row.tasks),
      fmt::format("{}", row.workers),
      row.verified ? "true" : "false",
      seconds(row.wall_s.median),
      seconds(row.wall_s.min),
      seconds(row.wall_s.max),
      seconds(row.wall_s.mean),
      seconds(row.wall_s.stddev),
      seconds(row.cpu_s),
      fmt::format("{}", row.peak_rss_kib),
      fmt::format("{}", row.os_threads),
      fmt::format("{}", row.processes),
      fmt::format("{}", row.max_in_flight),
      row.speedup ? fmt::format("{:.4f}", *row.speedup) : std::string(),
      fmt::format("{:.3f}", row.overhead_per_task_us),
      fmt::format("{:.3f}", row.cpu_utilisation),
      fmt::format("{}", row.voluntary_ctx),
      fmt::format("{}", row.involuntary_ctx),
      plain_decimal(row.rss_per_task_kib),
      fmt::format("{:.1f}", row.noise.range_pct),
      fmt::format("{}", row.noise.outliers.size()),
      row.noise.noisy ? "true" : "false",
      plain_decimal(report.calibration.bookkeeping_ns_per_task),
      plain_decimal(row.bookkeeping_share, 10),  // tiny fractions: 6 decimals would read 0
      row.failure,
  };
}

// One record: the measured columns, the row's value of every parameter, the sweep's columns.
std::vector<std::string> record(const Report& report, const ScenarioResult& scenario, const ModelResult& row,
                                const std::vector<std::string>& param_keys) {
  std::vector<std::string> fields = measured_fields(report, scenario, row);
  for (const std::string& key : param_keys) {
    const auto found = std::find_if(scenario.params.begin(), scenario.params.end(),
                                    [&](const Param& param) { return param.key == key; });
    fields.push_back(found == scenario.params.end() ? std::string() : param_value(*found));
  }
  if (report.sweep) {
    fields.push_back(report.sweep->key);
    fields.push_back(scenario.swept_value ? plain_decimal(*scenario.swept_value) : std::string());
  }
  return fields;
}

void append_record(const std::vector<std::string>& fields, std::string& text) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) text += ',';
    text += quoted(fields[i]);
  }
  text += record_end;
}

class CsvReporter final : public Reporter {
 public:
  void write(const Report& report, std::ostream& out) const override {
    const std::vector<std::string> param_keys = param_keys_of(report);
    std::vector<std::string> header(std::begin(fixed_columns), std::end(fixed_columns));
    header.insert(header.end(), param_keys.begin(), param_keys.end());
    if (report.sweep) header.insert(header.end(), std::begin(sweep_columns), std::end(sweep_columns));
    std::string text;
    append_record(header, text);
    for (const ScenarioResult& scenario : report.scenarios)
      for (const ModelResult& row : scenario.rows) append_record(record(report, scenario, row, param_keys), text);
    out << text;
  }
};

}  // namespace

std::unique_ptr<Reporter> make_csv_reporter(const RenderOptions&) { return std::make_unique<CsvReporter>(); }

}  // namespace concur
