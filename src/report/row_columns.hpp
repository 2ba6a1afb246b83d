// The columns of a results row, shared by every text format that prints one (table,
// markdown): one list of headers and one way to turn a row into cells, so the two formats
// cannot drift apart.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "core/results.hpp"
#include "report/units.hpp"

namespace concur {

/// One column: its header and which side its cells align to.
struct Column {
  std::string_view header;  ///< header text
  Align align;              ///< numbers right, names left
};

/// How many columns a results row has.
inline constexpr std::size_t column_count = 11;

/// The columns, in print order; the last is the ✓/✗ verdict.
inline constexpr std::array<Column, column_count> columns{{
    {"model", Align::left},
    {"wall median", Align::right},
    {"min–max", Align::right},
    {"cpu", Align::right},
    {"cpu/wall", Align::right},
    {"speedup", Align::right},
    {"threads", Align::right},
    {"procs", Align::right},
    {"in flight", Align::right},
    {"peak RSS", Align::right},
    {"ok", Align::left},
}};

/// Index of the verdict column.
inline constexpr std::size_t ok_column = column_count - 1;

/// The verdict for a verified row.
inline constexpr std::string_view check = "✓";

/// The verdict for a failed or unverified row.
inline constexpr std::string_view cross = "✗";

/// One row's cells, plain text (a format escapes them as it needs).
using Cells = std::array<std::string, column_count>;

/// The cells of `row`; `noisy_block` marks a noisy row's range with ⚠ (see wall_range_cell).
Cells row_cells(const ModelResult& row, bool noisy_block);

}  // namespace concur
