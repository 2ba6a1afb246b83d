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
  for (const std::size_t i : indices) numbers.push_back(fmt::format("{}", i + 1));  // runs count from 1 for people
  return fmt::format("{}", fmt::join(numbers, ", "));
}

}  // namespace

std::string machine_summary(const MachineInfo& machine) {
  return join_facts({machine.cores > 0 ? fmt::format("{} {}", machine.cores, machine.cores == 1 ? "core" : "cores")
                                       : std::string(),
                     machine.cpu, machine.os, machine.governor.empty() ? "" : "governor " + machine.governor});
}

std::string build_summary(const MachineInfo& machine) {
  return join_facts({machine.build.empty() ? "" : machine.build + " build", machine.compiler, machine.flags,
                     machine.boost.empty() ? "" : "Boost " + machine.boost});
}

std::vector<std::string> noise_warnings(const ScenarioResult& scenario) {
  std::vector<std::string> lines;
  for (const ModelResult& row : scenario.rows) {
    if (!row.noise.noisy) continue;
    const std::size_t runs = row.runs.size();
    std::string why = fmt::format("range {:.0f} % of the median over {} {}", row.noise.range_pct, runs,
                                  runs == 1 ? "run" : "runs");
    const std::size_t outliers = row.noise.outliers.size();
    if (outliers > 0)
      why += fmt::format(", {} {} ({} {})", outliers, outliers == 1 ? "outlier" : "outliers",
                         outliers == 1 ? "run" : "runs", run_list(row.noise.outliers));
    // More runs do not calm the machine, but they make the median harder to drag.
    lines.push_back(single_line(fmt::format("{} noisy: {} — {}; try --repeat {} on a quieter machine", kWarningSign,
                                            row.model, why, std::max<std::size_t>(10, 2 * runs))));
  }
  return lines;
}

std::string wall_range_cell(const ModelResult& row, bool any_noisy) {
  const std::string range = format_seconds_range(row.wall_s.min, row.wall_s.max);
  if (!any_noisy) return range;
  return range + (row.noise.noisy ? std::string(" ") + kWarningSign : std::string("  "));
}

bool any_noisy(const ScenarioResult& scenario) {
  return std::any_of(scenario.rows.begin(), scenario.rows.end(), [](const ModelResult& r) { return r.noise.noisy; });
}

std::string bookkeeping_line(const ScenarioResult& scenario, const Calibration& calibration) {
  if (calibration.bookkeeping_ns_per_task <= 0 || scenario.rows.empty()) return {};
  const auto top = std::max_element(scenario.rows.begin(), scenario.rows.end(),
                                    [](const ModelResult& a, const ModelResult& b) {
                                      return a.bookkeeping_share < b.bookkeeping_share;
                                    });
  // Below a thousandth of a percent the exact figure says nothing more than "negligible".
  const std::string share = top->bookkeeping_share < 1e-5 ? "under 0.001 %"
                                                            : "at most " + format_percent(top->bookkeeping_share);
  return single_line(fmt::format("bookkeeping: {} per task (clock reads + records), {} of a row's wall time ({})",
                                 format_seconds(calibration.bookkeeping_ns_per_task * 1e-9), share, top->model));
}

}  // namespace concur
