// The columns of a results row, shared by every text format that prints one (table,
// markdown): one list of headers and one way to turn a row into cells, so the two formats
// cannot drift apart.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "analysis/speedup_basis.hpp"
#include "core/results.hpp"
#include "report/units.hpp"

namespace concur {

/// One column: its headers and which side its cells align to.
struct Column {
  std::string_view header;        ///< header text
  std::string_view short_header;  ///< header when a narrow terminal asks for short ones
  Align align;                    ///< numbers right, names left
};

/// How many columns a results row has.
inline constexpr std::size_t column_count = 11;

/// Where each column sits in a row, for the code that treats one specially.
enum ColumnIndex : std::size_t {
  model_column,
  wall_column,
  range_column,
  cpu_column,
  utilisation_column,
  speedup_column,
  threads_column,
  procs_column,
  in_flight_column,
  rss_column,
  ok_column,  ///< the last: the ✓/✗ verdict
};

/// The columns, in print order. The speedup header is a placeholder: see speedup_header.
inline constexpr std::array<Column, column_count> columns{{
    {.header = "model", .short_header = "model", .align = Align::left},
    {.header = "wall median", .short_header = "wall", .align = Align::right},
    {.header = "min–max", .short_header = "min–max", .align = Align::right},
    {.header = "cpu", .short_header = "cpu", .align = Align::right},
    {.header = "cpu/wall", .short_header = "cpu/wall", .align = Align::right},
    {.header = "speedup", .short_header = "speedup", .align = Align::right},
    {.header = "threads", .short_header = "thr", .align = Align::right},
    {.header = "procs", .short_header = "proc", .align = Align::right},
    {.header = "in flight", .short_header = "flight", .align = Align::right},
    {.header = "peak RSS", .short_header = "RSS", .align = Align::right},
    {.header = "ok", .short_header = "ok", .align = Align::left},
}};

/// The speedup column's header: "speedup" against the baseline, "vs ideal" against the ideal time.
std::string_view speedup_header(SpeedupBasis basis);

/// The header of column `c` (short or not) in a scenario whose speedups are on `basis`.
std::string_view column_header(std::size_t c, bool short_header, SpeedupBasis basis);

/// The verdict for a verified row.
inline constexpr std::string_view check = "✓";

/// The verdict for a failed or unverified row.
inline constexpr std::string_view cross = "✗";

/// One row's cells, plain text (a format escapes them as it needs).
using Cells = std::array<std::string, column_count>;

/// The cells of `row` in `scenario`: a noisy row's range carries ⚠ (see wall_range_cell), the
/// speedup is on the scenario's basis.
Cells row_cells(const ScenarioResult& scenario, const ModelResult& row);

/// The wall cell when the range column is not shown: the noise sign moves here, and when any
/// row of `scenario` is noisy the quiet ones get blanks in its place so the times still line up.
std::string wall_cell_with_noise(const ScenarioResult& scenario, const ModelResult& row);

}  // namespace concur
