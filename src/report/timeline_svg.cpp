#include "report/timeline_svg.hpp"

#include <algorithm>
#include <memory>
#include <vector>

#include <fmt/format.h>

#include "report/charts/svg_style.hpp"
#include "report/remarks.hpp"
#include "report/timeline_figure.hpp"
#include "report/units.hpp"

namespace concur {
namespace {

constexpr double kWidth = 1280;
constexpr double kMargin = 40;
constexpr double kHeaderHeight = 170;  // title, machine, legend
constexpr double kHeadingHeight = 44;  // a scenario's heading
constexpr double kFigureGap = 18;

// One scenario's figures, each on the scenario's shared scale, with one label column.
struct Block {
  const ScenarioResult* scenario;
  std::vector<std::unique_ptr<TimelineFigure>> figures;
  double label_column = 0;
};

std::vector<Block> blocks_of(const Report& report) {
  std::vector<Block> blocks;
  for (const ScenarioResult& scenario : report.scenarios) {
    Block block{.scenario = &scenario, .figures = {}, .label_column = 0};
    const double scale = timeline_scale(scenario);
    for (const ModelResult& row : scenario.rows) {
      auto figure = std::make_unique<TimelineFigure>(row, scale);
      if (figure->empty()) continue;
      block.label_column = std::max(block.label_column, figure->label_column());
      block.figures.push_back(std::move(figure));
    }
    if (!block.figures.empty()) blocks.push_back(std::move(block));
  }
  return blocks;
}

std::string default_title(const Report& report) {
  std::vector<std::string> names;
  for (const ScenarioResult& s : report.scenarios)
    if (std::find(names.begin(), names.end(), s.scenario) == names.end()) names.push_back(s.scenario);
  return fmt::format("{}: how the tasks ran ({})", report.tool, fmt::join(names, ", "));
}

double height_of(const std::vector<Block>& blocks) {
  double height = kHeaderHeight + 40;
  for (const Block& block : blocks) {
    height += kHeadingHeight;
    for (const auto& figure : block.figures) height += figure->height() + kFigureGap;
  }
  return height;
}

}  // namespace

std::string scenario_heading(const ScenarioResult& scenario) {
  std::vector<std::string> facts{scenario.scenario};
  if (scenario.tasks > 0) facts.push_back(fmt::format("{} {}", scenario.tasks, scenario.tasks == 1 ? "task" : "tasks"));
  for (const Param& param : scenario.params) facts.push_back(param_label(param.key) + " " + param.display);
  if (!scenario.swept_label.empty()) facts.push_back("at " + scenario.swept_label);
  return single_line(fmt::format("{}", fmt::join(facts, " · ")));
}

std::string timeline_svg(const Report& report, const PictureOptions& options) {
  const std::vector<Block> blocks = blocks_of(report);
  SvgWriter svg(kWidth, height_of(blocks), options.use);
  svg.open("g", {{"font-family", kFontFamily}, {"font-size", svg_number(kTextSize)}, {"fill", kInk}});
  const std::string title = options.title.empty() ? default_title(report) : options.title;
  svg.text_element("title", title);
  svg.element("rect", {{"width", "100%"}, {"height", "100%"}, {"fill", "white"}});
  svg.text_element(
      "text", title,
      {{"x", svg_number(kMargin)}, {"y", "46"}, {"font-size", svg_number(kTitleSize)}, {"font-weight", "bold"}});
  svg.text_element("text", tool_line(report), {{"x", svg_number(kMargin)}, {"y", "82"}, {"fill", kMutedInk}});
  draw_timeline_legend(svg, kMargin, 122);
  double y = kHeaderHeight;
  if (blocks.empty())
    svg.text_element("text", "no task records to draw", {{"x", svg_number(kMargin)}, {"y", svg_number(y + 30)}});
  for (const Block& block : blocks) {
    svg.text_element(
        "text", scenario_heading(*block.scenario),
        {{"x", svg_number(kMargin)}, {"y", svg_number(y + 30)}, {"font-size", "24"}, {"font-weight", "bold"}});
    y += kHeadingHeight;
    for (const auto& figure : block.figures) {
      svg.open("g", {{"transform", fmt::format("translate({} 0)", svg_number(kMargin))}});
      figure->draw(svg, y, kWidth - 2 * kMargin, block.label_column);
      svg.close();
      y += figure->height() + kFigureGap;
    }
  }
  return svg.finish();
}

}  // namespace concur
