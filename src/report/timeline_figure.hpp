// One row's timeline drawn in SVG: the picture of how its tasks overlapped, for slides (the
// timeline SVG) and for the HTML report. Lanes follow the terminal timeline's rules (lanes.hpp);
// waiting is a light bar, computing a dark one whose height is the share of time computed, so the
// two stay apart in a black-and-white print and for colour-blind readers. Every task's start,
// end, place and CPU time is in a tooltip (an SVG <title>: no script needed).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/results.hpp"
#include "report/charts/svg.hpp"
#include "report/lanes.hpp"
#include "report/places.hpp"

namespace concur {

/// The lanes of one row's median run, summarised on a grid of its scenario's shared time scale.
class TimelineFigure {
 public:
  /// Lays out `row`'s records on `scale_s` seconds (shared by the rows of one scenario).
  TimelineFigure(const ModelResult& row, double scale_s);
  TimelineFigure(const TimelineFigure&) = delete;             ///< lanes point into the records
  TimelineFigure& operator=(const TimelineFigure&) = delete;  ///< lanes point into the records
  /// Whether the row has any started task to draw.
  [[nodiscard]] bool empty() const { return lanes_.empty(); }
  /// Height the figure takes, in px.
  [[nodiscard]] double height() const;
  /// Width its lane labels need, in px; figures drawn one under another share the widest, so
  /// their time axes line up.
  [[nodiscard]] double label_column() const;
  /// Draws the figure with its top-left corner at (0, `top`), `width` px wide, the time axis
  /// starting `label_column` px from the left.
  void draw(SvgWriter& svg, double top, double width, double label_column) const;

 private:
  void draw_lane(SvgWriter& svg, const Lane& lane, double y, double left, double right, bool hover) const;
  void draw_axis(SvgWriter& svg, double y, double left, double right) const;
  const ModelResult& row_;
  double scale_s_;
  std::vector<TaskRecord> started_;
  std::unique_ptr<Places> places_;
  std::vector<Lane> lanes_;
};

/// The time each scenario's timelines share: its slowest row's median run, or its latest task end.
double timeline_scale(const ScenarioResult& scenario);

/// The legend every timeline picture carries once: the two fills and what a summarised lane means.
void draw_timeline_legend(SvgWriter& svg, double x, double y);

/// The label column the rows of `scenario` share: the widest any of their figures needs.
double shared_label_column(const ScenarioResult& scenario, double scale_s);

/// One row's timeline as an SVG of its own (`use`: a file, or inline in an HTML page), its time
/// axis starting `label_column` px from the left, or "" when the row has no records.
std::string row_timeline_svg(const ModelResult& row, double scale_s, double label_column, SvgUse use);

}  // namespace concur
