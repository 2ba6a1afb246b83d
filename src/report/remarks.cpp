#include "report/remarks.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "report/units.hpp"

namespace concur {
namespace {

std::string join_facts(const std::vector<std::string>& facts) {
  std::vector<std::string> present;
  for (const std::string& fact : facts)
    if (!fact.empty()) present.push_back(fact);
  return single_line(fmt::format("{}", fmt::join(present, " · ")));
}

std::string run_list(const std::vector<std::size_t>& indices) {
  std::vector<std::string> numbers;
  numbers.reserve(indices.size());
  for (const std::size_t i : indices) numbers.push_back(fmt::format("{}", i + 1));  // runs count from 1 for people
  return fmt::format("{}", fmt::join(numbers, ", "));
}

}  // namespace

std::string tool_line(const Report& report) {
  std::string line = report.tool;
  if (!report.version.empty()) line += " " + report.version;
  const std::string machine = machine_summary(report.machine);
  if (!machine.empty()) line += " — " + machine;
  return single_line(line);
}

std::vector<std::string> header_lines(const Report& report, bool verbose) {
  std::vector<std::string> lines{tool_line(report)};
  const std::string build = build_summary(report.machine, verbose);
  if (!build.empty()) lines.push_back("built: " + build);
  for (const std::string& warning : report.machine.warnings)
    lines.push_back(single_line(fmt::format("{} {}", kWarningSign, warning)));
  return lines;
}

std::string machine_summary(const MachineInfo& machine) {
  return join_facts(
      {machine.cores > 0 ? fmt::format("{} {}", machine.cores, machine.cores == 1 ? "core" : "cores") : std::string(),
       machine.cpu, machine.os, machine.governor.empty() ? "" : "governor " + machine.governor});
}

std::string build_summary(const MachineInfo& machine, bool with_flags) {
  return join_facts({machine.build.empty() ? "" : machine.build + " build", machine.compiler,
                     with_flags ? machine.flags : std::string(),
                     machine.boost.empty() ? "" : "Boost " + machine.boost});
}

std::string row_place(const ScenarioResult& block, const ModelResult& row, const Report& report) {
  if (!report.sweep || block.swept_label.empty()) return row.model;
  return fmt::format("{} at {} {}", row.model, report.sweep->key, block.swept_label);
}

std::vector<std::string> noise_warnings(const ScenarioResult& scenario, const Report& report) {
  std::vector<std::string> lines;
  for (const ModelResult& row : scenario.rows) {
    if (!row.noise.noisy) continue;
    const std::size_t runs = row.runs.size();
    std::string why =
        fmt::format("range {:.0f} % of the median over {} {}", row.noise.range_pct, runs, runs == 1 ? "run" : "runs");
    const std::size_t outliers = row.noise.outliers.size();
    if (outliers > 0)
      why += fmt::format(", {} {} ({} {})", outliers, outliers == 1 ? "outlier" : "outliers",
                         outliers == 1 ? "run" : "runs", run_list(row.noise.outliers));
    // More runs do not calm the machine, but they make the median harder to drag.
    lines.push_back(
        single_line(fmt::format("{} noisy: {} — {}; try --repeat {} on a quieter machine", kWarningSign,
                                row_place(scenario, row, report), why, std::max<std::size_t>(10, 2 * runs))));
  }
  return lines;
}

std::string noise_summary(const ScenarioResult& scenario, const Report& report) {
  std::vector<std::string> names;
  const ModelResult* worst = nullptr;
  std::size_t outliers = 0;
  for (const ModelResult& row : scenario.rows) {
    if (!row.noise.noisy) continue;
    names.push_back(row.model);
    outliers += row.noise.outliers.size();
    if (worst == nullptr || row.noise.range_pct > worst->noise.range_pct) worst = &row;
  }
  if (worst == nullptr) return {};
  if (names.size() == 1) return noise_warnings(scenario, report).front();
  const std::size_t runs = worst->runs.size();
  const std::string outlier_text =
      outliers == 0 ? std::string() : fmt::format(", {} outlier {}", outliers, outliers == 1 ? "run" : "runs");
  return single_line(
      fmt::format("{} noisy: {} — range up to {:.0f} % of the median over {} {}{}; try --repeat {} on a "
                  "quieter machine",
                  kWarningSign, fmt::join(names, ", "), worst->noise.range_pct, runs, runs == 1 ? "run" : "runs",
                  outlier_text, std::max<std::size_t>(10, 2 * runs)));
}

std::string sweep_noise_warning(const Report& report) {
  std::vector<std::pair<std::string, std::vector<std::string>>> by_model;  // model → noisy values, in order
  const ScenarioResult* worst_block = nullptr;
  const ModelResult* worst = nullptr;
  for (const ScenarioResult& block : report.scenarios)
    for (const ModelResult& row : block.rows) {
      if (!row.noise.noisy) continue;
      auto it = std::find_if(by_model.begin(), by_model.end(), [&](const auto& m) { return m.first == row.model; });
      if (it == by_model.end()) it = by_model.insert(by_model.end(), {row.model, {}});
      it->second.push_back(block.swept_label);
      if (worst == nullptr || row.noise.range_pct > worst->noise.range_pct) {
        worst = &row;
        worst_block = &block;
      }
    }
  if (worst == nullptr) return {};
  std::vector<std::string> where;
  where.reserve(by_model.size());
  const std::string key = report.sweep ? report.sweep->key : "value";
  for (const auto& [model, values] : by_model)
    where.push_back(fmt::format("{} at {} {}", model, key, fmt::join(values, ", ")));
  const std::size_t runs = worst->runs.size();
  return single_line(fmt::format(
      "{} noisy cells, marked {} (range over 20 % of the median, or an outlier run): {}; worst {} (range {:.0f} % "
      "over {} {}); try --repeat {} on a quieter machine",
      kWarningSign, kWarningSign, fmt::join(where, "; "), row_place(*worst_block, *worst, report),
      worst->noise.range_pct, runs, runs == 1 ? "run" : "runs", std::max<std::size_t>(10, 2 * runs)));
}

std::string bookkeeping_line(std::span<const ScenarioResult> blocks, const Report& report) {
  const ScenarioResult* top_block = nullptr;
  const ModelResult* top = nullptr;
  for (const ScenarioResult& block : blocks)
    for (const ModelResult& row : block.rows)
      if (top == nullptr || row.bookkeeping_share > top->bookkeeping_share) {
        top = &row;
        top_block = &block;
      }
  if (report.calibration.bookkeeping_ns_per_task <= 0 || top == nullptr) return {};
  // Below a thousandth of a percent the exact figure says nothing more than "negligible".
  const std::string share =
      top->bookkeeping_share < 1e-5 ? "under 0.001 %" : "at most " + format_percent(top->bookkeeping_share);
  return single_line(fmt::format("bookkeeping: {} per task (clock reads + records), {} of a row's wall time ({})",
                                 format_seconds(report.calibration.bookkeeping_ns_per_task * 1e-9), share,
                                 row_place(*top_block, *top, report)));
}

std::string wall_range_cell(const ModelResult& row, bool any_noisy) {
  std::string range = format_seconds_range(row.wall_s.min, row.wall_s.max);  // not const: returned by move
  if (!any_noisy) return range;
  return range + (row.noise.noisy ? std::string(" ") + kWarningSign : std::string("  "));
}

std::string sweep_heading(const Report& report) {
  if (report.scenarios.empty()) return "sweep";
  const ScenarioResult& first = report.scenarios.front();
  std::vector<std::string> facts;
  const std::string key = report.sweep ? report.sweep->key : "";
  if (key != "tasks") facts.push_back(fmt::format("{} tasks", first.tasks));
  // The varied option's own parameter (delay_ms for delay) differs per row: it is in the table.
  for (const Param& param : first.params)
    if (key.empty() || param.key.rfind(key, 0) != 0) facts.push_back(param_label(param.key) + " " + param.display);
  const std::size_t runs = first.rows.empty() ? 0 : first.rows.front().runs.size();
  facts.push_back(fmt::format("{} {} per point", runs, runs == 1 ? "run" : "runs"));
  return single_line(fmt::format("sweep {} — {} · {}", first.scenario, first.title, fmt::join(facts, " · ")));
}

bool any_noisy(const ScenarioResult& scenario) {
  return std::any_of(scenario.rows.begin(), scenario.rows.end(), [](const ModelResult& r) { return r.noise.noisy; });
}

}  // namespace concur
