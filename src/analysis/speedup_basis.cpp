#include "analysis/speedup_basis.hpp"

#include <algorithm>
#include <vector>

#include <fmt/format.h>

namespace concur {
namespace {

bool lacks_baseline(const ModelResult& row) { return row.verified && row.wall_s.median > 0 && !row.speedup; }

}  // namespace

SpeedupBasis speedup_basis(const ScenarioResult& scenario) {
  const bool lacking = std::any_of(scenario.rows.begin(), scenario.rows.end(), lacks_baseline);
  return lacking && scenario.back_to_back_s > 0 ? SpeedupBasis::ideal : SpeedupBasis::baseline;
}

std::optional<double> speedup_on(const ScenarioResult& scenario, const ModelResult& row, SpeedupBasis basis) {
  if (basis == SpeedupBasis::baseline) return row.speedup;
  if (!row.verified || row.wall_s.median <= 0) return std::nullopt;
  return scenario.back_to_back_s / row.wall_s.median;
}

std::string basis_note(const ScenarioResult& scenario) {
  if (speedup_basis(scenario) != SpeedupBasis::ideal) return {};
  std::vector<std::string> names;
  for (const ModelResult& row : scenario.rows)
    if (lacks_baseline(row) && !row.baseline.empty() &&
        std::find(names.begin(), names.end(), row.baseline) == names.end())
      names.push_back(row.baseline);
  if (names.empty()) names.emplace_back("the baseline");
  std::string missing = names.front();
  for (std::size_t i = 1; i < names.size(); ++i) missing += (i + 1 == names.size() ? " and " : ", ") + names[i];
  // A baseline that ran and failed is a row of its own, with its reason under the table.
  const bool ran = std::any_of(scenario.rows.begin(), scenario.rows.end(),
                               [&](const ModelResult& r) { return r.model == names.front(); });
  return fmt::format("vs ideal = back to back ÷ wall, as {} {}", missing, ran ? "failed" : "did not run");
}

}  // namespace concur
