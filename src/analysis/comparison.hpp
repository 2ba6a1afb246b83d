// Reports of several machines side by side (`concur-demo compare A.json B.json …`): a class
// collects each student's --export-json file and sees where their machines differ. Rows are
// scenario × parameters × model; only rows whose scenario, parameters and model match are set
// side by side, the rest is listed, never mixed in. Each cell is read against the first report:
// the ratio of the wall medians, and whether the two min–max ranges overlap (within the noise).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/results.hpp"

namespace concur {

/// One report's numbers for one row.
struct ComparedCell {
  bool present = false;         ///< this report measured the row
  bool verified = false;        ///< and every run of it verified
  Stats wall_s;                 ///< its wall-time statistics
  std::int64_t workers = 0;     ///< the row's workers (pool and fiber follow --workers)
  std::optional<double> ratio;  ///< median ÷ the first report's; absent in the first column or when either failed
  bool within_noise = false;    ///< its min–max range overlaps the first report's
};

/// One row: a scenario at one setting, one model, in every report that measured it.
struct ComparedRow {
  std::string scenario;             ///< "sleep"
  std::string setting;              ///< "20 tasks · delay 100ms"
  std::string model;                ///< "pool"
  std::vector<ComparedCell> cells;  ///< one per report, in the order given
};

/// The reports side by side.
struct Comparison {
  std::vector<std::string> names;         ///< each report's file, as given
  std::vector<MachineInfo> machines;      ///< each report's machine header
  std::vector<std::string> commands;      ///< each report's command line ("" when it has none)
  std::vector<ComparedRow> rows;          ///< rows of the first report that another report measured too
  std::vector<std::string> not_compared;  ///< "B.json: sleep · 10 tasks · delay 100ms · thread: not in A.json"
};

/// Sets `reports` (named `names`, same length) side by side against the first.
Comparison compare_reports(std::span<const Report> reports, std::span<const std::string> names);

/// "20 tasks · delay 100ms": a block's tasks and parameters, as a row of the comparison names them.
std::string setting_of(const ScenarioResult& block);

}  // namespace concur
