// The look every picture shares (sweep chart, timelines, the HTML report's figures): one font,
// sizes that read on a projector (nothing under 18 px), inks that keep their contrast in a
// black-and-white print, and series colours and marks told apart without colour vision.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "report/charts/svg.hpp"

namespace concur {

/// The font stack: DejaVu Sans where it is installed (Debian), the usual sans-serifs elsewhere.
inline constexpr char kFontFamily[] = "DejaVu Sans, Helvetica, Arial, sans-serif";
inline constexpr double kTitleSize = 30;   ///< picture title, px
inline constexpr double kTextSize = 20;    ///< running text (header lines, notes), px
inline constexpr double kLabelSize = 20;   ///< axis titles, legend, lane labels, px
inline constexpr double kTickSize = 18;    ///< tick labels: the smallest text of any picture, px
inline constexpr double kLineHeight = 26;  ///< distance between lines of 20 px text
inline constexpr double kMarkerSize = 7;   ///< a marker's half width, px

inline constexpr char kInk[] = "#111111";         ///< text and marks
inline constexpr char kMutedInk[] = "#444444";    ///< secondary text, still 9:1 on white
inline constexpr char kWarningInk[] = "#B00020";  ///< build warnings
inline constexpr char kNoteInk[] = "#7A4F00";     ///< noise notes
inline constexpr char kGridInk[] = "#DDDDDD";     ///< grid lines
inline constexpr char kAxisInk[] = "#333333";     ///< axes

/// Colour of series `s` (Okabe–Ito: distinguishable with the common colour-vision deficiencies).
std::string_view series_color(std::size_t s);

/// Dash pattern of series `s` ("" solid): lines on top of each other still show both.
std::string_view series_dashes(std::size_t s);

/// Marker of series `s` at (x, y) with a tooltip: circle, square, triangle, diamond, like the
/// terminal chart's ●■▲◆, so the shape tells the series apart without colour.
void marker(SvgWriter& svg, std::size_t s, double x, double y, const std::string& tip);

/// About how wide `text` is at `size` px in the font stack (for keeping labels apart).
double text_width(std::string_view text, double size);

}  // namespace concur
