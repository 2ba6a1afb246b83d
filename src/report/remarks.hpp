// Sentences the human formats (table, markdown, sweep) print around their tables: the machine
// header, noise warnings and the instrumentation cost. One wording, whichever format shows it.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/results.hpp"

namespace concur {

/// "concur-demo 0.1.0 — 2 cores · …": the first line of every text report.
std::string tool_line(const Report& report);

/// The opening lines of a terminal report: tool_line, "built: …" (with the compiler flags only
/// when `verbose`: they are for engineers), then one "⚠ …" per machine warning.
std::vector<std::string> header_lines(const Report& report, bool verbose);

/// "2 cores · AMD EPYC · Linux 6.1 · governor performance": where the numbers come from.
std::string machine_summary(const MachineInfo& machine);

/// "Release build · g++ 12.2.0 · -O3 -DNDEBUG · Boost 1.81": how the binary was built; without
/// the flags unless `with_flags`.
std::string build_summary(const MachineInfo& machine, bool with_flags = true);

/// Where a row stands, for notes: "fork", or "fork at tasks 1000" in a sweep.
std::string row_place(const ScenarioResult& block, const ModelResult& row, const Report& report);

/// One warning per noisy row: its range and outliers over how many runs, and a --repeat to try.
std::vector<std::string> noise_warnings(const ScenarioResult& scenario, const Report& report);

/// One warning for all noisy rows of `scenario` ("⚠ noisy: thread, fork — range up to 58 % …"),
/// what a terminal shows unless -v asks for noise_warnings; empty when every row is quiet.
std::string noise_summary(const ScenarioResult& scenario, const Report& report);

/// For a sweep: one warning for all noisy cells (which models at which values, and the worst),
/// instead of a line each; empty when every cell is quiet.
std::string sweep_noise_warning(const Report& report);

/// "bookkeeping: 45 ns per task …, at most 0.02 % of a row's wall time (async)" over the rows of
/// `blocks`; empty without calibration.
std::string bookkeeping_line(std::span<const ScenarioResult> blocks, const Report& report);

/// The min–max cell of a row, with the warning sign when the row is noisy; when `any_noisy`,
/// quiet rows get blanks in its place so the ranges still line up on their last digit.
std::string wall_range_cell(const ModelResult& row, bool any_noisy);

/// Whether any row of `scenario` is noisy.
bool any_noisy(const ScenarioResult& scenario);

/// "sweep sleep — every task waits … · delay 100ms · 3 runs per point": what a sweep held fixed.
std::string sweep_heading(const Report& report);

/// Sign put after a noisy row's range and in front of every warning.
inline constexpr char kWarningSign[] = "⚠";

}  // namespace concur
