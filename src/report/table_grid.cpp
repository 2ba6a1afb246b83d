#include "report/table_grid.hpp"

#include <algorithm>

#include "report/remarks.hpp"

namespace concur {
namespace {

// Each shape is the one before it with one more column dropped or one more step taken.
constexpr TableShape step(TableShape shape, std::size_t drop) {
  shape.shown[drop] = false;
  return shape;
}
constexpr TableShape full{
    .shown = {true, true, true, true, true, true, true, true, true, true, true}, .short_headers = false, .gap = 2};
constexpr TableShape no_range = step(full, range_column);
constexpr TableShape no_cpu = step(no_range, cpu_column);
constexpr TableShape no_utilisation = step(no_cpu, utilisation_column);
constexpr TableShape short_headers{.shown = no_utilisation.shown, .short_headers = true, .gap = 2};
constexpr TableShape narrow_gap{.shown = no_utilisation.shown, .short_headers = true, .gap = 1};
constexpr TableShape no_procs = step(narrow_gap, procs_column);
constexpr TableShape no_rss = step(no_procs, rss_column);
constexpr TableShape no_in_flight = step(no_rss, in_flight_column);
constexpr TableShape no_threads = step(no_in_flight, threads_column);

constexpr std::array kShapes{full,       no_range, no_cpu, no_utilisation, short_headers,
                             narrow_gap, no_procs, no_rss, no_in_flight,   no_threads};

}  // namespace

std::span<const TableShape> table_shapes() { return kShapes; }

TableGrid lay_out_table(const ScenarioResult& scenario, const TableShape& shape, const Glyphs& glyphs) {
  const SpeedupBasis basis = speedup_basis(scenario);
  TableGrid grid;
  grid.gap = shape.gap;
  for (std::size_t c = 0; c < column_count; ++c) {
    if (!shape.shown[c]) continue;
    std::string header = in_charset(column_header(c, shape.short_headers, basis), glyphs.charset);
    const std::size_t width = display_width(header);
    grid.columns.push_back(
        GridColumn{.index = c, .header = std::move(header), .width = width, .align = columns[c].align});
  }
  for (const ModelResult& row : scenario.rows) {
    Cells cells = row_cells(scenario, row);
    if (!shape.shown[range_column]) cells[wall_column] = wall_cell_with_noise(scenario, row);
    std::vector<std::string>& printed = grid.rows.emplace_back();
    for (GridColumn& column : grid.columns) {
      std::string cell = in_charset(cells[column.index], glyphs.charset);
      column.width = std::max(column.width, display_width(cell));
      printed.push_back(std::move(cell));
    }
  }
  for (const GridColumn& column : grid.columns) grid.width += column.width;
  if (!grid.columns.empty()) grid.width += (grid.columns.size() - 1) * grid.gap;
  return grid;
}

TableGrid fit_table(const ScenarioResult& scenario, std::optional<std::size_t> limit, const Glyphs& glyphs) {
  TableGrid grid = lay_out_table(scenario, kShapes.front(), glyphs);
  for (std::size_t s = 1; limit && grid.width > *limit && s < kShapes.size(); ++s)
    grid = lay_out_table(scenario, kShapes[s], glyphs);
  return grid;
}

}  // namespace concur
