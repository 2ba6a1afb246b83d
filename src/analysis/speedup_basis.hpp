// What a row's speedup is measured against. Normally the scenario's baseline row (sequential;
// py-sequential for the Python rows); when that row did not run (`io --model=async`,
// `sleep --model thread,async`) a single model must still teach, so every row is measured
// against the scenario's ideal back-to-back time instead: the time sequential would take with
// no overhead at all. One column means one thing: either every row is against its baseline or
// every row is against the ideal.
#pragma once

#include <optional>
#include <string>

#include "core/results.hpp"

namespace concur {

/// What the speedup column of a scenario divides.
enum class SpeedupBasis {
  baseline,  ///< the baseline row's wall median ÷ this row's ("speedup")
  ideal      ///< the ideal back-to-back time ÷ this row's wall median ("vs ideal")
};

/// `ideal` when some verified row has no speedup (its baseline did not run or did not verify)
/// and the scenario has an ideal time; else `baseline`.
SpeedupBasis speedup_basis(const ScenarioResult& scenario);

/// The factor `row` shows on `basis`; nullopt for a row that did not verify or has no time.
std::optional<double> speedup_on(const ScenarioResult& scenario, const ModelResult& row, SpeedupBasis basis);

/// What a reader is told when the column is against the ideal: "vs ideal = back to back ÷ wall,
/// as sequential did not run" (or failed); empty when it is against the baseline.
std::string basis_note(const ScenarioResult& scenario);

}  // namespace concur
