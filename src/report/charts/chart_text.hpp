// The sweep chart for a terminal: Unicode braille lines between the points, one marker glyph
// per model at each point, labelled axes (log scale where the data span a wide range) and a
// legend, so cost growth is visible without leaving the terminal.
#pragma once

#include <string>

#include "report/charts/chart.hpp"

namespace concur {

/// Renders `chart` in about `width` columns; ANSI colour per series when `color`.
std::string text_chart(const ChartData& chart, int width, bool color);

}  // namespace concur
