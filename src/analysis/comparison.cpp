#include "analysis/comparison.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace concur {
namespace {

// A row of one report, found by what must match.
const ModelResult* find_row(const Report& report, const ScenarioResult& block, const ModelResult& row) {
  const std::string setting = setting_of(block);
  for (const ScenarioResult& other : report.scenarios) {
    if (other.scenario != block.scenario || setting_of(other) != setting) continue;
    for (const ModelResult& candidate : other.rows)
      if (candidate.model == row.model) return &candidate;
  }
  return nullptr;
}

ComparedCell cell_of(const ModelResult& row) {
  return ComparedCell{.present = true,
                      .verified = row.verified,
                      .wall_s = row.wall_s,
                      .workers = row.workers,
                      .ratio = std::nullopt,
                      .within_noise = false};
}

// Each cell read against the first: the ratio of the medians, and whether the ranges overlap.
void relate(ComparedRow& row) {
  const ComparedCell& first = row.cells.front();
  for (std::size_t i = 1; i < row.cells.size(); ++i) {
    ComparedCell& cell = row.cells[i];
    if (!cell.present || !cell.verified || !first.verified || first.wall_s.median <= 0) continue;
    cell.ratio = cell.wall_s.median / first.wall_s.median;
    cell.within_noise = cell.wall_s.min <= first.wall_s.max && first.wall_s.min <= cell.wall_s.max;
  }
}

std::string place(const ScenarioResult& block, const ModelResult& row) {
  return fmt::format("{} · {} · {}", block.scenario, setting_of(block), row.model);
}

}  // namespace

std::string setting_of(const ScenarioResult& block) {
  std::vector<std::string> facts{fmt::format("{} {}", block.tasks, block.tasks == 1 ? "task" : "tasks")};
  for (const Param& param : block.params) {
    std::string key = param.key;
    for (const std::string_view unit : {"_ms", "_bytes", "_s"})
      if (key.ends_with(unit)) key.resize(key.size() - unit.size());
    facts.push_back(key + " " + param.display);
  }
  return fmt::format("{}", fmt::join(facts, " · "));
}

Comparison compare_reports(std::span<const Report> reports, std::span<const std::string> names) {
  Comparison comparison;
  comparison.names.assign(names.begin(), names.end());
  for (const Report& report : reports) {
    comparison.machines.push_back(report.machine);
    comparison.commands.push_back(report.command_line);
  }
  if (reports.empty()) return comparison;
  for (const ScenarioResult& block : reports.front().scenarios)
    for (const ModelResult& row : block.rows) {
      ComparedRow compared{.scenario = block.scenario, .setting = setting_of(block), .model = row.model, .cells = {}};
      compared.cells.push_back(cell_of(row));
      for (std::size_t r = 1; r < reports.size(); ++r) {
        const ModelResult* other = find_row(reports[r], block, row);
        compared.cells.push_back(other != nullptr ? cell_of(*other) : ComparedCell{});
      }
      if (std::none_of(compared.cells.begin() + 1, compared.cells.end(),
                       [](const ComparedCell& c) { return c.present; })) {
        comparison.not_compared.push_back(fmt::format("{}: {}: in no other report", names.front(), place(block, row)));
        continue;
      }
      relate(compared);
      comparison.rows.push_back(std::move(compared));
    }
  for (std::size_t r = 1; r < reports.size(); ++r)
    for (const ScenarioResult& block : reports[r].scenarios)
      for (const ModelResult& row : block.rows)
        if (find_row(reports.front(), block, row) == nullptr)
          comparison.not_compared.push_back(fmt::format("{}: {}: not in {}, the report the others are read against",
                                                        names[r], place(block, row), names.front()));
  return comparison;
}

}  // namespace concur
