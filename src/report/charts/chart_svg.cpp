#include "report/charts/chart_svg.hpp"

#include <algorithm>
#include <array>
#include <string_view>

#include <fmt/format.h>

#include "report/charts/chart.hpp"
#include "report/charts/svg_style.hpp"
#include "report/remarks.hpp"
#include "report/units.hpp"

namespace concur {
namespace {

constexpr double kWidth = 1280, kHeight = 760;
constexpr double kMargin = 40;      // left edge of the header and footer text
constexpr double kPlotLeft = 170;   // room for the y tick labels and the y axis title
constexpr double kMarkerGap = 15;   // horizontal distance between markers set side by side
constexpr std::size_t kWrap = 112;  // characters per header or footer line at 20 px
constexpr char kWhiskerNote[] = "min–max of the runs";

// The legend's width: its longest entry after the line sample, and a margin each side.
double legend_width(const ChartData& chart) {
  double widest = text_width(kWhiskerNote, kLabelSize);
  for (const ChartSeries& s : chart.series)
    widest = std::max(widest, text_width(s.points.empty() ? s.name + " (failed)" : s.name, kLabelSize));
  return 30 + 54 + widest + 24;
}

// Where the plot sits, and how values map onto it.
struct Frame {
  const ChartData& chart;
  double left, right, top, bottom;
  [[nodiscard]] double px(double x) const { return left + chart.x.fraction(x) * (right - left); }
  [[nodiscard]] double py(double y) const { return bottom - chart.y.fraction(y) * (bottom - top); }
};

// Every tick label carries its unit ("100 ms", "4MiB"), so the title only adds the scale.
std::string axis_title(std::string_view label, const Axis& axis) {
  return axis.log ? fmt::format("{} (log scale)", label) : std::string(label);
}

// The title, what the sweep held fixed and the machine; returns where the text ended. Compiler
// flags stay in the HTML and JSON: on a slide they are clutter.
double header(SvgWriter& svg, const Report& report, const std::string& title) {
  svg.text_element("title", title);
  svg.element("rect", {{"width", "100%"}, {"height", "100%"}, {"fill", "white"}});
  svg.text_element(
      "text", title,
      {{"x", svg_number(kMargin)}, {"y", "46"}, {"font-size", svg_number(kTitleSize)}, {"font-weight", "bold"}});
  std::string tool = report.tool;
  if (!report.version.empty()) tool += " " + report.version;
  std::vector<std::string> lines = wrap_words(sweep_heading(report), 0, kWrap);
  lines.push_back(tool + " · " + machine_summary(report.machine));
  double y = 80;
  for (const std::string& line : lines) {
    svg.text_element("text", line, {{"x", svg_number(kMargin)}, {"y", svg_number(y)}, {"fill", kMutedInk}});
    y += kLineHeight;
  }
  // A slide without the build's warnings (unoptimised, sanitizer) invites wrong conclusions.
  for (const std::string& warning : report.machine.warnings) {
    svg.text_element("text", std::string(kWarningSign) + " " + warning,
                     {{"x", svg_number(kMargin)}, {"y", svg_number(y)}, {"fill", kWarningInk}});
    y += kLineHeight;
  }
  return y;
}

// Grid lines and tick labels; x labels that would touch the previous one are left out.
void grid(SvgWriter& svg, const Frame& f) {
  svg.open("g", {{"font-size", svg_number(kTickSize)}});
  for (const double t : f.chart.y.ticks) {
    const std::string y = svg_number(f.py(t));
    svg.element("line",
                {{"x1", svg_number(f.left)}, {"x2", svg_number(f.right)}, {"y1", y}, {"y2", y}, {"stroke", kGridInk}});
    svg.text_element("text", tick_label(t, f.chart.y_quantity),
                     {{"x", svg_number(f.left - 12)}, {"y", svg_number(f.py(t) + 6)}, {"text-anchor", "end"}});
  }
  double drawn_until = -1e9;
  for (const double t : f.chart.x.ticks) {
    const std::string x = svg_number(f.px(t));
    svg.element("line",
                {{"x1", x}, {"x2", x}, {"y1", svg_number(f.top)}, {"y2", svg_number(f.bottom)}, {"stroke", kGridInk}});
    const std::string label = tick_label(t, f.chart.x_quantity);
    const double half = text_width(label, kTickSize) / 2;
    if (f.px(t) - half < drawn_until + 8) continue;
    drawn_until = f.px(t) + half;
    svg.text_element("text", label, {{"x", x}, {"y", svg_number(f.bottom + 28)}, {"text-anchor", "middle"}});
  }
  svg.close();
}

void axes(SvgWriter& svg, const Frame& f) {
  svg.element("polyline",
              {{"points", fmt::format("{},{} {},{} {},{}", svg_number(f.left), svg_number(f.top), svg_number(f.left),
                                      svg_number(f.bottom), svg_number(f.right), svg_number(f.bottom))},
               {"fill", "none"},
               {"stroke", kAxisInk},
               {"stroke-width", "1.5"}});
  svg.text_element("text", axis_title(f.chart.x_label, f.chart.x),
                   {{"x", svg_number((f.left + f.right) / 2)},
                    {"y", svg_number(f.bottom + 62)},
                    {"text-anchor", "middle"},
                    {"font-size", svg_number(kLabelSize)}});
  const std::string y_mid = svg_number((f.top + f.bottom) / 2);
  svg.text_element("text", axis_title(f.chart.y_label, f.chart.y),
                   {{"x", "34"},
                    {"y", y_mid},
                    {"text-anchor", "middle"},
                    {"font-size", svg_number(kLabelSize)},
                    {"transform", fmt::format("rotate(-90 34 {})", y_mid)}});
}

// The min–max of a point's runs, with caps, in its series' colour.
void whisker(SvgWriter& svg, std::string_view color, double x, double top, double bottom) {
  if (bottom - top < 1) return;
  const std::string path = fmt::format("M{0},{1}V{2}M{3},{1}H{4}M{3},{2}H{4}", svg_number(x), svg_number(top),
                                       svg_number(bottom), svg_number(x - 6), svg_number(x + 6));
  svg.element("path", {{"d", path}, {"stroke", std::string(color)}, {"stroke-width", "2"}, {"fill", "none"}});
}

// One line per model, then its whiskers and markers (set side by side where points of several
// models coincide), each with a tooltip naming the exact values.
void lines(SvgWriter& svg, const Frame& f) {
  const auto offsets = overlap_offsets(f.chart, 2 * kMarkerSize / (f.bottom - f.top));
  for (std::size_t s = 0; s < f.chart.series.size(); ++s) {
    const ChartSeries& series = f.chart.series[s];
    svg.open("g", {{"class", "series"}});
    svg.text_element("title", series.name);
    std::vector<std::string> points;
    for (const ChartPoint& p : series.points) points.push_back(svg_number(f.px(p.x)) + "," + svg_number(f.py(p.y)));
    if (points.size() > 1)
      svg.element("polyline", {{"points", fmt::format("{}", fmt::join(points, " "))},
                               {"fill", "none"},
                               {"stroke", std::string(series_color(s))},
                               {"stroke-width", "3"},
                               {"stroke-dasharray", std::string(series_dashes(s))},
                               {"stroke-linejoin", "round"}});
    for (std::size_t i = 0; i < series.points.size(); ++i) {
      const ChartPoint& p = series.points[i];
      const double x = f.px(p.x) + offsets[s][i] * kMarkerGap;
      whisker(svg, series_color(s), x, f.py(p.hi), f.py(p.lo));
      marker(svg, s, x, f.py(p.y),
             fmt::format("{} at {} {}: {} (runs {}–{})", series.name, f.chart.x_label,
                         format_quantity(p.x, f.chart.x_quantity), format_quantity(p.y, f.chart.y_quantity),
                         format_quantity(p.lo, f.chart.y_quantity), format_quantity(p.hi, f.chart.y_quantity)));
    }
    svg.close();
  }
}

// Beside the plot, in row order: each model's line, dashes and marker as the plot draws them,
// then what a whisker means.
void legend(SvgWriter& svg, const Frame& f) {
  svg.open("g", {{"font-size", svg_number(kLabelSize)}});
  const double x = f.right + 30;
  double y = f.top + 12;
  for (std::size_t s = 0; s < f.chart.series.size(); ++s, y += 34) {
    svg.element("line", {{"x1", svg_number(x)},
                         {"x2", svg_number(x + 44)},
                         {"y1", svg_number(y)},
                         {"y2", svg_number(y)},
                         {"stroke", std::string(series_color(s))},
                         {"stroke-width", "3"},
                         {"stroke-dasharray", std::string(series_dashes(s))}});
    marker(svg, s, x + 22, y, f.chart.series[s].name);
    const ChartSeries& series = f.chart.series[s];
    svg.text_element("text", series.points.empty() ? series.name + " (failed)" : series.name,
                     {{"x", svg_number(x + 54)}, {"y", svg_number(y + 7)}});
  }
  whisker(svg, kAxisInk, x + 22, y - 10, y + 14);
  svg.text_element("text", kWhiskerNote, {{"x", svg_number(x + 54)}, {"y", svg_number(y + 8)}, {"fill", kMutedInk}});
  svg.close();
}

// The noise verdict travels with the picture too: a slide should not hide that a point wobbled.
void footer(SvgWriter& svg, const std::vector<std::string>& notes, double top) {
  double y = top;
  for (const std::string& line : notes) {
    svg.text_element("text", line, {{"x", svg_number(kMargin)}, {"y", svg_number(y)}, {"fill", kNoteInk}});
    y += kLineHeight;
  }
}

}  // namespace

std::string svg_chart(const Report& report, const PictureOptions& options) {
  SvgWriter svg(kWidth, kHeight, options.use);
  svg.open("g", {{"font-family", kFontFamily}, {"font-size", svg_number(kTextSize)}, {"fill", kInk}});
  const std::optional<ChartData> data = sweep_chart(report);
  if (!data) {
    const double y = header(svg, report, options.title.empty() ? "concur-demo sweep" : options.title);
    svg.text_element("text", "no verified measurement to draw",
                     {{"x", svg_number(kPlotLeft)}, {"y", svg_number(y + 120)}});
    return svg.finish();
  }
  const std::vector<std::string> notes = wrap_words(sweep_noise_warning(report), 0, kWrap);
  const double top = header(svg, report, options.title.empty() ? data->title : options.title) + 24;
  const double bottom = kHeight - 96 - kLineHeight * static_cast<double>(notes.size());
  const Frame frame{
      .chart = *data, .left = kPlotLeft, .right = kWidth - legend_width(*data), .top = top, .bottom = bottom};
  grid(svg, frame);
  axes(svg, frame);
  lines(svg, frame);
  legend(svg, frame);
  footer(svg, notes, bottom + 100);
  return svg.finish();
}

}  // namespace concur
