#include "report/charts/svg_style.hpp"

#include <array>

#include <fmt/format.h>

namespace concur {
namespace {

constexpr std::array<std::string_view, 6> kColors{"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"};
constexpr std::array<std::string_view, 4> kDashes{"", "12 7", "3 6", "16 5 3 5"};
// DejaVu Sans averages a little over half an em per character.
constexpr double kAverageAdvance = 0.56;

std::string points(std::initializer_list<std::pair<double, double>> corners) {
  std::string out;
  for (const auto& [x, y] : corners) {
    if (!out.empty()) out += ' ';
    out += svg_number(x) + "," + svg_number(y);
  }
  return out;
}

}  // namespace

std::string_view series_color(std::size_t s) { return kColors[s % kColors.size()]; }

std::string_view series_dashes(std::size_t s) { return kDashes[s % kDashes.size()]; }

void marker(SvgWriter& svg, std::size_t s, double x, double y, const std::string& tip) {
  const std::string fill(series_color(s));
  const double r = kMarkerSize;
  svg.open("g", {{"stroke", "white"}, {"stroke-width", "1.5"}});
  svg.text_element("title", tip);
  switch (s % 4) {
    case 0:
      svg.element("circle", {{"cx", svg_number(x)}, {"cy", svg_number(y)}, {"r", svg_number(r)}, {"fill", fill}});
      break;
    case 1:
      svg.element("rect", {{"x", svg_number(x - r + 1)},
                           {"y", svg_number(y - r + 1)},
                           {"width", svg_number(2 * r - 2)},
                           {"height", svg_number(2 * r - 2)},
                           {"fill", fill}});
      break;
    case 2:
      svg.element("polygon",
                  {{"points", points({{x, y - r - 1}, {x + r, y + r - 1}, {x - r, y + r - 1}})}, {"fill", fill}});
      break;
    default:
      svg.element("polygon", {{"points", points({{x, y - r - 1}, {x + r + 1, y}, {x, y + r + 1}, {x - r - 1, y}})},
                              {"fill", fill}});
  }
  svg.close();
}

double text_width(std::string_view text, double size) {
  std::size_t code_points = 0;
  for (const char c : text) code_points += (static_cast<unsigned char>(c) & 0xC0U) != 0x80U ? 1 : 0;
  return static_cast<double>(code_points) * size * kAverageAdvance;
}

}  // namespace concur
