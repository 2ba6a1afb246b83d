#include "report/row_columns.hpp"

#include <fmt/format.h>

#include "report/remarks.hpp"

namespace concur {

std::string_view speedup_header(SpeedupBasis basis) { return basis == SpeedupBasis::ideal ? "vs ideal" : "speedup"; }

std::string_view column_header(std::size_t c, bool short_header, SpeedupBasis basis) {
  if (c == speedup_column) return speedup_header(basis);
  return short_header ? columns[c].short_header : columns[c].header;
}

Cells row_cells(const ScenarioResult& scenario, const ModelResult& row) {
  // A run that failed before it could be timed has no times: a dash, not a misleading "0 s".
  const bool timed = row.wall_s.median > 0;
  const std::string none = "–";
  const auto speedup = speedup_on(scenario, row, speedup_basis(scenario));
  return {
      single_line(row.model),
      timed ? format_seconds(row.wall_s.median) : none,
      timed ? wall_range_cell(row, any_noisy(scenario)) : none,
      timed ? format_seconds(row.cpu_s) : none,
      timed ? format_utilisation(row.cpu_utilisation) : none,
      speedup ? format_speedup(*speedup) : none,
      fmt::format("{}", row.os_threads),
      fmt::format("{}", row.processes),
      fmt::format("{}", row.max_in_flight),
      format_kib(row.peak_rss_kib),
      std::string(row.verified ? check : cross),
  };
}

std::string wall_cell_with_noise(const ScenarioResult& scenario, const ModelResult& row) {
  if (row.wall_s.median <= 0) return "–";
  const std::string wall = format_seconds(row.wall_s.median);
  if (row.noise.noisy) return wall + " " + kWarningSign;
  return any_noisy(scenario) ? wall + "  " : wall;
}

}  // namespace concur
