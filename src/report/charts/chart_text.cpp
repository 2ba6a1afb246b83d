#include "report/charts/chart_text.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdlib>

#include <fmt/color.h>
#include <fmt/format.h>

#include "report/paint.hpp"
#include "report/units.hpp"

namespace concur {
namespace {

constexpr int kRows = 16;  // plot height in character rows
constexpr int kMinColumns = 24;
constexpr int kMaxColumns = 72;
constexpr int kDotsX = 2;  // a braille cell is 2 dots wide…
constexpr int kDotsY = 4;  // …and 4 dots high
constexpr std::array<std::string_view, 6> kMarkers{"●", "■", "▲", "◆", "★", "✚"};
constexpr std::array<fmt::terminal_color, 6> kColors{fmt::terminal_color::blue,  fmt::terminal_color::red,
                                                     fmt::terminal_color::green, fmt::terminal_color::magenta,
                                                     fmt::terminal_color::cyan,  fmt::terminal_color::yellow};

// Bit of each dot in a braille cell (Unicode 2800 block), indexed [column][row].
constexpr std::uint8_t kBrailleBit[2][4] = {{0x01, 0x02, 0x04, 0x40}, {0x08, 0x10, 0x20, 0x80}};

struct Cell {
  std::uint8_t dots = 0;
  int series = -1;  // who drew here last, for colour
  int marker = -1;  // a data point's glyph wins over line dots
};

std::string braille(std::uint8_t dots) {
  // U+2800 + dots, encoded as UTF-8 (always three bytes in this block).
  const unsigned code = 0x2800u + dots;
  std::string out;
  out += static_cast<char>(0xE0 | (code >> 12));
  out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
  out += static_cast<char>(0x80 | (code & 0x3F));
  return out;
}

class Canvas {
 public:
  Canvas(int columns, int rows)
      : columns_(columns), rows_(rows), cells_(static_cast<std::size_t>(columns) * static_cast<std::size_t>(rows)) {}

  // Dot coordinates: x in [0, columns·2), y in [0, rows·4), y = 0 at the top.
  void dot(int x, int y, int series) {
    if (x < 0 || y < 0 || x >= columns_ * kDotsX || y >= rows_ * kDotsY) return;
    Cell& c = at(x / kDotsX, y / kDotsY);
    c.dots |= kBrailleBit[x % kDotsX][y % kDotsY];
    c.series = series;
  }

  void line(int x0, int y0, int x1, int y1, int series) {
    // Bresenham: every dot on the way, no gaps however steep.
    const int dx = std::abs(x1 - x0), dy = -std::abs(y1 - y0);
    const int sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1;
    int err = dx + dy;
    while (true) {
      dot(x0, y0, series);
      if (x0 == x1 && y0 == y1) break;
      const int e2 = 2 * err;
      if (e2 >= dy) {
        err += dy;
        x0 += sx;
      }
      if (e2 <= dx) {
        err += dx;
        y0 += sy;
      }
    }
  }

  void marker(int x, int y, int series) {
    if (x < 0 || y < 0 || x >= columns_ * kDotsX || y >= rows_ * kDotsY) return;
    Cell& c = at(x / kDotsX, y / kDotsY);
    c.marker = series;
    c.series = series;
  }

  [[nodiscard]] const Cell& cell(int column, int row) const { return cells_[index(column, row)]; }

 private:
  Cell& at(int column, int row) { return cells_[index(column, row)]; }
  // Computed in size_t: the product of two ints could overflow before a cast of the result.
  [[nodiscard]] std::size_t index(int column, int row) const {
    return static_cast<std::size_t>(row) * static_cast<std::size_t>(columns_) + static_cast<std::size_t>(column);
  }
  int columns_, rows_;
  std::vector<Cell> cells_;
};

std::string paint(std::string_view text, int series, bool color) {
  if (series < 0) return std::string(text);
  return concur::paint(text, fmt::fg(kColors[static_cast<std::size_t>(series) % kColors.size()]), color);
}

// Where each series' points land on the canvas: a point whose cell already holds another
// series' marker moves to the nearest free cell in its row, so every model in the legend shows.
struct Plot {
  int columns, dots_x, dots_y;
  const ChartData& chart;
  [[nodiscard]] int dot_x(double x) const { return static_cast<int>(std::lround(chart.x.fraction(x) * (dots_x - 1))); }
  [[nodiscard]] int dot_y(double y) const {
    return static_cast<int>(std::lround((1 - chart.y.fraction(y)) * (dots_y - 1)));
  }
};

bool place_marker(Canvas& canvas, const Plot& plot, int x, int y, int series) {
  for (const int shift : {0, 1, -1, 2, -2, 3, -3}) {
    const int column = x / kDotsX + shift;
    if (column < 0 || column >= plot.columns) continue;
    if (canvas.cell(column, y / kDotsY).marker >= 0) continue;
    canvas.marker(column * kDotsX, y, series);
    return shift != 0;
  }
  return false;
}

// What the drawing did that the legend has to explain.
struct Drawn {
  bool moved = false;     // a marker moved aside
  bool whiskers = false;  // some point's runs spread over more than one dot
};

// Lines first, then each point's min–max as a vertical run of dots, then the markers on top.
Drawn draw(Canvas& canvas, const Plot& plot) {
  Drawn drawn;
  const auto& all = plot.chart.series;
  for (std::size_t s = 0; s < all.size(); ++s) {
    const auto& points = all[s].points;
    const int id = static_cast<int>(s);
    for (std::size_t i = 1; i < points.size(); ++i)
      canvas.line(plot.dot_x(points[i - 1].x), plot.dot_y(points[i - 1].y), plot.dot_x(points[i].x),
                  plot.dot_y(points[i].y), id);
    for (const ChartPoint& p : points) {
      canvas.line(plot.dot_x(p.x), plot.dot_y(p.hi), plot.dot_x(p.x), plot.dot_y(p.lo), id);
      drawn.whiskers = drawn.whiskers || plot.dot_y(p.lo) - plot.dot_y(p.hi) > 1;
    }
  }
  for (std::size_t s = 0; s < all.size(); ++s)
    for (const ChartPoint& p : all[s].points)
      drawn.moved = place_marker(canvas, plot, plot.dot_x(p.x), plot.dot_y(p.y), static_cast<int>(s)) || drawn.moved;
  return drawn;
}

std::string plot_rows(const Canvas& canvas, const Plot& plot, const std::vector<std::string>& y_labels,
                      std::size_t label_width, bool color) {
  // The character row each y tick sits on.
  std::vector<int> tick_rows;
  for (const double t : plot.chart.y.ticks) tick_rows.push_back(plot.dot_y(t) / kDotsY);
  std::string out;
  for (int row = 0; row < kRows; ++row) {
    const auto tick = std::find(tick_rows.begin(), tick_rows.end(), row);
    const bool labelled = tick != tick_rows.end();
    const std::string label = labelled ? y_labels[static_cast<std::size_t>(tick - tick_rows.begin())] : "";
    std::string line = pad(label, label_width, Align::right) + (labelled ? " ┤" : " │");
    for (int column = 0; column < plot.columns; ++column) {
      const Cell& c = canvas.cell(column, row);
      if (c.marker >= 0)
        line += paint(kMarkers[static_cast<std::size_t>(c.marker) % kMarkers.size()], c.marker, color);
      else if (c.dots != 0)
        line += paint(braille(c.dots), c.series, color);
      else
        line += ' ';
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + '\n';
  }
  return out;
}

// A rule with a mark under every tick, then the labels, skipping any that would collide.
std::string x_axis(const Plot& plot, std::size_t label_width) {
  const ChartData& chart = plot.chart;
  std::vector<int> tick_columns;
  for (const double t : chart.x.ticks) tick_columns.push_back(plot.dot_x(t) / kDotsX);
  std::string rule = std::string(label_width + 1, ' ') + "└";
  for (int column = 0; column < plot.columns; ++column)
    rule += std::find(tick_columns.begin(), tick_columns.end(), column) != tick_columns.end() ? "┬" : "─";
  std::string labels(label_width + 2, ' ');
  std::size_t used = labels.size();
  for (std::size_t i = 0; i < chart.x.ticks.size(); ++i) {
    const std::string text = tick_label(chart.x.ticks[i], chart.x_quantity);
    const std::size_t w = display_width(text);
    // Centre the label under its mark, but never left of the previous label's end.
    const auto centre = label_width + 2 + static_cast<std::size_t>(tick_columns[i]);
    const std::size_t start = std::max(used + (i == 0 ? 0 : 1), centre >= w / 2 ? centre - w / 2 : 0);
    if (i > 0 && start > centre + w) continue;  // no room: drop this label rather than misplace it
    labels += std::string(start - used, ' ') + text;
    used = start + w;
  }
  return rule + '\n' + labels + "  " + chart.x_label + (chart.x.log ? " (log scale)" : "") + '\n';
}

}  // namespace

std::string text_chart(const ChartData& chart, int width, bool color) {
  // Left margin: the widest y label plus the axis glyph.
  std::vector<std::string> y_labels;
  std::size_t label_width = 0;
  for (const double t : chart.y.ticks) {
    y_labels.push_back(tick_label(t, chart.y_quantity));
    label_width = std::max(label_width, display_width(y_labels.back()));
  }
  const int columns = std::clamp(width - static_cast<int>(label_width) - 3, kMinColumns, kMaxColumns);
  const Plot plot{.columns = columns, .dots_x = columns * kDotsX, .dots_y = kRows * kDotsY, .chart = chart};
  Canvas canvas(columns, kRows);
  const Drawn drawn = draw(canvas, plot);

  std::string out = fmt::format("{}{}\n", chart.title, chart.y.log ? " (y: log scale)" : "");
  out += plot_rows(canvas, plot, y_labels, label_width, color);
  out += x_axis(plot, label_width);
  std::vector<std::string> legend;
  for (std::size_t s = 0; s < chart.series.size(); ++s)
    legend.push_back(paint(kMarkers[s % kMarkers.size()], static_cast<int>(s), color) + " " + chart.series[s].name);
  out += std::string(label_width + 2, ' ') + fmt::format("{}", fmt::join(legend, "   ")) + '\n';
  // Said once, and only for what was drawn: nobody should read a marker moved aside as a
  // different value, nor look for a whisker too short to show.
  std::vector<std::string> notes;
  if (drawn.whiskers) notes.emplace_back("⡇ min–max of the runs");
  if (drawn.moved) notes.emplace_back("markers side by side where points coincide");
  if (!notes.empty()) out += std::string(label_width + 2, ' ') + fmt::format("{}", fmt::join(notes, " · ")) + '\n';
  return out;
}

}  // namespace concur
