// Sentences the human formats (table, markdown, sweep) print around their tables: the machine
// header, noise warnings and the instrumentation cost. One wording, whichever format shows it.
#pragma once

#include <string>
#include <vector>

#include "results.hpp"

namespace concur {

/// "2 cores · AMD EPYC · Linux 6.1 · governor performance": where the numbers come from.
std::string machine_summary(const MachineInfo& machine);

/// "Release · g++ 12.2.0 · -O3 -DNDEBUG · Boost 1.81": how the binary was built.
std::string build_summary(const MachineInfo& machine);

/// One warning per noisy row: its range and outliers over how many runs, and a --repeat to try.
std::vector<std::string> noise_warnings(const ScenarioResult& scenario);

/// "bookkeeping: 45 ns per task …, at most 0.02 % of a row's wall time (async)"; empty without calibration.
std::string bookkeeping_line(const ScenarioResult& scenario, const Calibration& calibration);

/// The min–max cell of a row, with the warning sign when the row is noisy; when `any_noisy`,
/// quiet rows get blanks in its place so the ranges still line up on their last digit.
std::string wall_range_cell(const ModelResult& row, bool any_noisy);

/// Whether any row of `scenario` is noisy.
bool any_noisy(const ScenarioResult& scenario);

/// Sign put after a noisy row's range and in front of every warning.
inline constexpr char kWarningSign[] = "⚠";

}  // namespace concur
