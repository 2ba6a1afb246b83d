#include "report/row_columns.hpp"

#include <fmt/format.h>

#include "report/remarks.hpp"

namespace concur {

Cells row_cells(const ModelResult& row, bool noisy_block) {
  // A run that failed before it could be timed has no times: a dash, not a misleading "0 s".
  const bool timed = row.wall_s.median > 0;
  const std::string none = "–";
  return {
      single_line(row.model),
      timed ? format_seconds(row.wall_s.median) : none,
      timed ? wall_range_cell(row, noisy_block) : none,
      timed ? format_seconds(row.cpu_s) : none,
      timed ? format_utilisation(row.cpu_utilisation) : none,
      row.speedup ? format_speedup(*row.speedup) : none,
      fmt::format("{}", row.os_threads),
      fmt::format("{}", row.processes),
      fmt::format("{}", row.max_in_flight),
      format_kib(row.peak_rss_kib),
      std::string(row.verified ? check : cross),
  };
}

}  // namespace concur
