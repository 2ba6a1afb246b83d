#include "report/charts/chart_svg.hpp"

#include <array>
#include <string_view>

#include <fmt/format.h>

#include "report/charts/chart.hpp"
#include "report/charts/svg.hpp"
#include "report/remarks.hpp"
#include "report/units.hpp"

namespace concur {
namespace {

constexpr double kWidth = 860, kHeight = 580;
constexpr double kLeft = 96, kRight = kWidth - 200, kTop = 112, kBottom = kHeight - 112;
// Okabe–Ito: distinguishable with the common colour-vision deficiencies, and on a projector.
constexpr std::array<std::string_view, 6> kColors{"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"};
constexpr char kFont[] = "DejaVu Sans, Helvetica, Arial, sans-serif";

std::string_view color(std::size_t series) { return kColors[series % kColors.size()]; }

// Every tick label carries its unit ("100 ms", "4MiB"), so the title only adds the scale.
std::string axis_title(std::string_view label, const Axis& axis) {
  return axis.log ? fmt::format("{} (log scale)", label) : std::string(label);
}

// Marker shapes follow the series index, like the glyphs of the terminal chart (●■▲◆).
void marker(SvgWriter& svg, std::size_t series, double x, double y, const std::string& tip) {
  const std::string fill(color(series));
  svg.open("g");
  svg.text_element("title", tip);
  switch (series % 4) {
    case 0:
      svg.element("circle", {{"cx", svg_number(x)}, {"cy", svg_number(y)}, {"r", "4.5"}, {"fill", fill}});
      break;
    case 1:
      svg.element(
          "rect",
          {{"x", svg_number(x - 4)}, {"y", svg_number(y - 4)}, {"width", "8"}, {"height", "8"}, {"fill", fill}});
      break;
    case 2:
      svg.element("polygon",
                  {{"points", fmt::format("{},{} {},{} {},{}", svg_number(x), svg_number(y - 5.5), svg_number(x + 5),
                                          svg_number(y + 4), svg_number(x - 5), svg_number(y + 4))},
                   {"fill", fill}});
      break;
    default:
      svg.element("polygon", {{"points", fmt::format("{},{} {},{} {},{} {},{}", svg_number(x), svg_number(y - 5.5),
                                                     svg_number(x + 5.5), svg_number(y), svg_number(x),
                                                     svg_number(y + 5.5), svg_number(x - 5.5), svg_number(y))},
                              {"fill", fill}});
  }
  svg.close();
}

void header(SvgWriter& svg, const Report& report, const std::string& title) {
  svg.text_element("title", title);
  svg.element("rect", {{"width", "100%"}, {"height", "100%"}, {"fill", "white"}});
  svg.text_element("text", title,
                   {{"x", svg_number(kLeft)}, {"y", "32"}, {"font-size", "19"}, {"font-weight", "bold"}});
  // The machine header travels with the picture: a slide without it invites wrong comparisons.
  std::string tool = report.tool;
  if (!report.version.empty()) tool += " " + report.version;
  double y = 54;
  for (const std::string& line :
       {sweep_heading(report), tool + " · " + machine_summary(report.machine), build_summary(report.machine)}) {
    svg.text_element("text", line,
                     {{"x", svg_number(kLeft)}, {"y", svg_number(y)}, {"font-size", "11.5"}, {"fill", "#555"}});
    y += 16;
  }
  for (const std::string& warning : report.machine.warnings) {
    svg.text_element("text", std::string(kWarningSign) + " " + warning,
                     {{"x", svg_number(kLeft)}, {"y", svg_number(y)}, {"font-size", "11.5"}, {"fill", "#B00020"}});
    y += 16;
  }
}

}  // namespace

std::string svg_chart(const Report& report) {
  SvgWriter svg(kWidth, kHeight);
  svg.open("g", {{"font-family", kFont}, {"fill", "#111"}});
  const std::optional<ChartData> data = sweep_chart(report);
  if (!data) {
    header(svg, report, "concur-demo sweep");
    svg.text_element("text", "no verified measurement to draw",
                     {{"x", svg_number(kLeft)}, {"y", svg_number((kTop + kBottom) / 2)}, {"font-size", "16"}});
    return svg.finish();
  }
  const ChartData& chart = *data;
  header(svg, report, chart.title);
  const auto px = [&](double x) { return kLeft + chart.x.fraction(x) * (kRight - kLeft); };
  const auto py = [&](double y) { return kBottom - chart.y.fraction(y) * (kBottom - kTop); };

  // Grid and tick labels.
  svg.open("g", {{"font-size", "12"}});
  for (const double t : chart.y.ticks) {
    const std::string y = svg_number(py(t));
    svg.element("line",
                {{"x1", svg_number(kLeft)}, {"x2", svg_number(kRight)}, {"y1", y}, {"y2", y}, {"stroke", "#e3e3e3"}});
    svg.text_element("text", tick_label(t, chart.y_quantity),
                     {{"x", svg_number(kLeft - 8)}, {"y", svg_number(py(t) + 4)}, {"text-anchor", "end"}});
  }
  for (const double t : chart.x.ticks) {
    const std::string x = svg_number(px(t));
    svg.element("line",
                {{"x1", x}, {"x2", x}, {"y1", svg_number(kTop)}, {"y2", svg_number(kBottom)}, {"stroke", "#e3e3e3"}});
    svg.text_element("text", tick_label(t, chart.x_quantity),
                     {{"x", x}, {"y", svg_number(kBottom + 18)}, {"text-anchor", "middle"}});
  }
  svg.close();

  // Axes and their titles.
  svg.element("polyline",
              {{"points", fmt::format("{},{} {},{} {},{}", svg_number(kLeft), svg_number(kTop), svg_number(kLeft),
                                      svg_number(kBottom), svg_number(kRight), svg_number(kBottom))},
               {"fill", "none"},
               {"stroke", "#333"},
               {"stroke-width", "1.2"}});
  svg.text_element("text", axis_title(chart.x_label, chart.x),
                   {{"x", svg_number((kLeft + kRight) / 2)},
                    {"y", svg_number(kBottom + 46)},
                    {"text-anchor", "middle"},
                    {"font-size", "14"}});
  const std::string y_mid = svg_number((kTop + kBottom) / 2);
  svg.text_element("text", axis_title(chart.y_label, chart.y),
                   {{"x", "22"},
                    {"y", y_mid},
                    {"text-anchor", "middle"},
                    {"font-size", "14"},
                    {"transform", fmt::format("rotate(-90 22 {})", y_mid)}});

  // One line per model, then its markers with a tooltip naming the exact value.
  for (std::size_t s = 0; s < chart.series.size(); ++s) {
    const ChartSeries& series = chart.series[s];
    svg.open("g", {{"class", "series"}});
    svg.text_element("title", series.name);
    std::vector<std::string> points;
    for (const ChartPoint& p : series.points) points.push_back(svg_number(px(p.x)) + "," + svg_number(py(p.y)));
    if (points.size() > 1)
      svg.element("polyline", {{"points", fmt::format("{}", fmt::join(points, " "))},
                               {"fill", "none"},
                               {"stroke", std::string(color(s))},
                               {"stroke-width", "2.2"},
                               {"stroke-linejoin", "round"}});
    for (const ChartPoint& p : series.points)
      marker(svg, s, px(p.x), py(p.y),
             fmt::format("{} at {} {}: {}", series.name, chart.x_label, format_quantity(p.x, chart.x_quantity),
                         format_quantity(p.y, chart.y_quantity)));
    svg.close();
  }

  // The noise verdict travels with the picture too: a slide should not hide that a point wobbled.
  const std::string noise = sweep_noise_warning(report);
  double footer_y = kBottom + 72;
  for (const std::string& line : wrap_words(noise, 0, 120)) {
    svg.text_element(
        "text", line,
        {{"x", svg_number(kLeft)}, {"y", svg_number(footer_y)}, {"font-size", "11.5"}, {"fill", "#8a5a00"}});
    footer_y += 15;
  }

  // Legend beside the plot, in row order.
  svg.open("g", {{"font-size", "13"}});
  for (std::size_t s = 0; s < chart.series.size(); ++s) {
    const double y = kTop + 10 + static_cast<double>(s) * 24;
    const double x = kRight + 24;
    svg.element("line", {{"x1", svg_number(x)},
                         {"x2", svg_number(x + 28)},
                         {"y1", svg_number(y)},
                         {"y2", svg_number(y)},
                         {"stroke", std::string(color(s))},
                         {"stroke-width", "2.2"}});
    marker(svg, s, x + 14, y, chart.series[s].name);
    svg.text_element("text", chart.series[s].points.empty() ? chart.series[s].name + " (failed)" : chart.series[s].name,
                     {{"x", svg_number(x + 36)}, {"y", svg_number(y + 4.5)}});
  }
  svg.close();
  return svg.finish();
}

}  // namespace concur
