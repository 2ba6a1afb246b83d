// How the terminal table of one scenario is laid out at a width. A projector terminal has 80
// columns and every column of the full table takes 104-112; rather than let the terminal wrap
// each row in two, the table gives up columns in a fixed order (README, "Reading the table"):
//   1. min–max (a noisy row's ⚠ moves to its wall time)   2. cpu   3. cpu/wall
//   4. short headers: wall, thr, proc, flight, RSS          5. one space between columns
//   6. procs   7. peak RSS   8. in flight   9. threads
// model, wall, speedup (or vs ideal) and ok always stay. At 80 columns that keeps model, wall,
// speedup, threads, procs, in flight, peak RSS and ok for every model of `all`; at 60, the
// same with short headers.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/results.hpp"
#include "report/glyphs.hpp"
#include "report/row_columns.hpp"

namespace concur {

/// One way to lay a results table out.
struct TableShape {
  std::array<bool, column_count> shown;  ///< which columns print
  bool short_headers;                    ///< wall, thr, proc, flight, RSS instead of the full headers
  std::size_t gap;                       ///< spaces between two columns
};

/// The shapes in the order a table tries them: the full table first, then one more step of the
/// order above each.
std::span<const TableShape> table_shapes();

/// One printed column of a laid-out table.
struct GridColumn {
  std::size_t index;   ///< which of `columns` it is
  std::string header;  ///< its header, in the table's character set
  std::size_t width;   ///< display width: its widest cell or header
  Align align;         ///< side its cells sit on
};

/// A results table laid out for printing: cells are in the character set of the glyphs it was
/// laid out with, not yet padded nor painted.
struct TableGrid {
  std::vector<GridColumn> columns;             ///< the printed columns, in order
  std::vector<std::vector<std::string>> rows;  ///< one cell per printed column, per row
  std::size_t gap = 2;                         ///< spaces between two columns
  std::size_t width = 0;                       ///< display width of a full line (and of the rules)
};

/// `scenario` laid out in `shape`, drawn with `glyphs`.
TableGrid lay_out_table(const ScenarioResult& scenario, const TableShape& shape, const Glyphs& glyphs);

/// `scenario` in the first shape whose lines fit `limit` columns (the narrowest when none does);
/// without a limit, the full table.
TableGrid fit_table(const ScenarioResult& scenario, std::optional<std::size_t> limit, const Glyphs& glyphs);

}  // namespace concur
