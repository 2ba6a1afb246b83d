// Sweeps: parsing --vary against a scenario, the axes and both charts, from fixed values.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "analysis/metric.hpp"
#include "analysis/row_metrics.hpp"
#include "core/parse.hpp"
#include "golden.hpp"
#include "options/option_table.hpp"
#include "options/vary.hpp"
#include "registry/registry.hpp"
#include "report/charts/chart.hpp"
#include "report/charts/chart_svg.hpp"
#include "report/charts/chart_text.hpp"
#include "report/charts/svg.hpp"
#include "report/reporter.hpp"

using namespace concur;

namespace {

// The points of `vary` on `scenario` with 2 workers; the varied option counts as typed too when
// `base` sets tasks (or `workers_given`), as the command line would have it.
std::vector<SweepPoint> points(std::string_view scenario, std::string_view vary, const ScenarioOptions& base = {},
                               bool workers_given = false) {
  Settings settings = default_settings();
  settings.scenario = base;
  settings.workers = 2;
  const VarySpec spec = parse_vary(vary);
  const bool given = (spec.key == "workers" && workers_given) || (spec.key == "tasks" && base.tasks.has_value());
  return sweep_points(*find_scenario(scenario), spec, settings, given);
}

std::string parse_error(std::string_view scenario, std::string_view vary, const ScenarioOptions& base = {},
                        bool workers_given = false) {
  try {
    (void)points(scenario, vary, base, workers_given);
  } catch (const UsageError& e) {
    return e.what();
  }
  return "(no error)";
}

ModelResult row(std::string model, std::int64_t tasks, double wall, double rss_per_task, bool verified = true) {
  ModelResult r;
  r.model = std::move(model);
  r.tasks = tasks;
  r.verified = verified;
  for (const double w : {wall * 0.99, wall, wall * 1.01}) {
    RunRecord run;
    run.wall_s = w;
    run.cpu_s = w / 100;
    run.max_in_flight = tasks;
    run.memory_growth_kib = static_cast<std::int64_t>(rss_per_task * static_cast<double>(tasks));
    r.runs.push_back(run);
  }
  r.wall_s = {wall, wall * 0.99, wall * 1.01, wall, wall * 0.01};
  r.cpu_s = wall / 100;
  derive_row_metrics(r);
  if (!verified) r.failure = "task 3 waited 1ms instead of 100ms";
  return r;
}

// Sequential grows with the task count, async stays near one delay: a log–log chart.
Report fixed_sweep(std::string metric = "wall") {
  Report report;
  report.version = "0.1.0";
  report.machine.cores = 2;
  report.machine.cpu = "Test CPU";
  report.machine.os = "Linux 6.1";
  report.machine.compiler = "g++ 12.2.0";
  report.machine.build = "Release";
  report.machine.flags = "-O3 -DNDEBUG";
  report.machine.boost = "1.81";
  report.calibration.bookkeeping_ns_per_task = 45;
  report.sweep = SweepInfo{"tasks", "tasks", std::move(metric)};
  for (const std::int64_t tasks : {10, 100, 1000}) {
    ScenarioResult block;
    block.scenario = "sleep";
    block.title = "every task waits on a timer";
    block.params = {{"delay_ms", std::int64_t{100}, "100ms"}};
    block.tasks = tasks;
    block.swept_value = static_cast<double>(tasks);
    block.swept_label = std::to_string(tasks);
    block.rows.push_back(row("sequential", tasks, 0.1 * static_cast<double>(tasks), 0.5));
    block.rows.push_back(row("async", tasks, 0.1 + 1e-5 * static_cast<double>(tasks), 2.0, tasks != 1000));
    report.scenarios.push_back(std::move(block));
  }
  report.scenarios[1].rows[1].noise = {35.0, {0}, true};
  return report;
}

using concur::test::expect_golden;

std::string render(std::string_view format, const Report& report) {
  std::ostringstream out;
  make_reporter(*find_format(format), RenderOptions{false, 100}, true)->write(report, out);
  return out.str();
}

std::size_t count(const std::string& text, std::string_view what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

}  // namespace

// ---- --vary ------------------------------------------------------------------------------

TEST(SweepParse, SplitsKeyAndValues) {
  const VarySpec spec = parse_vary("tasks=10, 100,1000");
  EXPECT_EQ(spec.key, "tasks");
  EXPECT_EQ(spec.values, (std::vector<std::string>{"10", "100", "1000"}));
}

TEST(SweepParse, RejectsMalformedSpecs) {
  for (const char* bad : {"tasks", "=10", "tasks=", "tasks=10,,20"}) EXPECT_THROW(parse_vary(bad), UsageError) << bad;
}

TEST(SweepParse, PointsAreSortedAndCarryTheirOptions) {
  const auto p = points("sleep", "tasks=1000,10,100");
  ASSERT_EQ(p.size(), 3u);
  EXPECT_EQ(p[0].value, 10);
  EXPECT_EQ(p[2].value, 1000);
  EXPECT_EQ(p[1].settings.scenario.tasks, 100);
  EXPECT_EQ(p[1].settings.workers, 2u);

  const auto d = points("sleep", "delay=1s,10ms");
  EXPECT_DOUBLE_EQ(d[0].value, 0.01);
  EXPECT_EQ(d[0].label, "10ms");
  EXPECT_EQ(d[1].settings.scenario.delay, std::chrono::seconds(1));

  const auto w = points("factorial", "workers=1,2,4");
  EXPECT_EQ(w[2].settings.workers, 4u);
  EXPECT_EQ(points("factorial", "factorial=1000,2000")[1].settings.scenario.factorial, 2000u);
  EXPECT_EQ(points("files", "size=1MiB,64KiB")[1].settings.scenario.size, 1u << 20);
}

TEST(SweepParse, KeysFollowTheScenario) {
  EXPECT_EQ(sweep_keys(*find_scenario("sleep")), (std::vector<std::string>{"tasks", "workers", "ranks", "delay"}));
  EXPECT_NE(parse_error("sleep", "size=1MiB")
                .find("invalid --vary key 'size' for sleep (use tasks, workers, ranks or delay)"),
            std::string::npos);
  EXPECT_NE(parse_error("factorial", "delay=1s").find("'delay'"), std::string::npos);
  EXPECT_NE(parse_error("sleep", "colour=1,2").find("'colour'"), std::string::npos);
}

TEST(SweepParse, RejectsBadRepeatedAndConflictingValues) {
  EXPECT_NE(parse_error("sleep", "tasks=10,abc").find("'abc'"), std::string::npos);
  EXPECT_NE(parse_error("sleep", "tasks=0").find("'0'"), std::string::npos);
  EXPECT_NE(parse_error("sleep", "delay=5").find("'5'"), std::string::npos);  // a unit is required
  EXPECT_NE(parse_error("sleep", "tasks=10,10").find("named twice"), std::string::npos);
  ScenarioOptions with_tasks;
  with_tasks.tasks = 5;
  EXPECT_NE(parse_error("sleep", "tasks=1,2", with_tasks).find("both set"), std::string::npos);
  EXPECT_NE(parse_error("sleep", "workers=1,2", {}, true).find("both set"), std::string::npos);
  ScenarioOptions with_dir;
  with_dir.dir = ".";
  EXPECT_NE(parse_error("files", "size=1MiB,2MiB", with_dir).find("no effect with --dir"), std::string::npos);
}

TEST(SweepParse, EveryMetricIsFoundByName) {
  for (const char* name : {"wall", "cpu", "rss", "rss-per-task", "overhead"})
    EXPECT_NE(find_metric(name), nullptr) << name;
  EXPECT_EQ(find_metric("speed"), nullptr);
  EXPECT_EQ(metrics().front().name, "wall");
}

// ---- axes (more in axis_test.cpp) -------------------------------------------------------

TEST(Axis, TickLabelsDropTrailingZeros) {
  EXPECT_EQ(tick_label(0.08, Quantity::seconds), "80 ms");
  EXPECT_EQ(tick_label(1.5, Quantity::seconds), "1.5 s");
  EXPECT_EQ(tick_label(1000, Quantity::count), "1000");
  EXPECT_EQ(tick_label(9.5, Quantity::kib), "9.5 KiB");
  EXPECT_EQ(tick_label(4 << 20, Quantity::bytes), "4MiB");
}

// ---- charts and reports ------------------------------------------------------------------

TEST(SweepChart, OneSeriesPerModelAndFailedPointsLeaveGaps) {
  const auto chart = sweep_chart(fixed_sweep());
  ASSERT_TRUE(chart);
  ASSERT_EQ(chart->series.size(), 2u);
  EXPECT_EQ(chart->series[0].name, "sequential");
  EXPECT_EQ(chart->series[0].points.size(), 3u);
  EXPECT_EQ(chart->series[1].points.size(), 2u);  // async failed at 1000
  EXPECT_TRUE(chart->x.log);
  EXPECT_TRUE(chart->y.log);
  EXPECT_EQ(chart->title, "sleep: wall median vs tasks");
}

TEST(SweepChart, MetricSelectsTheNumbers) {
  const auto chart = sweep_chart(fixed_sweep("rss-per-task"));
  ASSERT_TRUE(chart);
  EXPECT_EQ(chart->y_quantity, Quantity::kib);
  EXPECT_DOUBLE_EQ(chart->series[0].points[1].y, 0.5);
  EXPECT_DOUBLE_EQ(chart->series[1].points[0].y, 2.0);
}

TEST(SweepChart, TextChartHasAxesMarkersAndLegend) {
  const std::string text = text_chart(*sweep_chart(fixed_sweep()), 100, false);
  EXPECT_NE(text.find("● sequential"), std::string::npos);
  EXPECT_NE(text.find("■ async"), std::string::npos);
  EXPECT_NE(text.find("tasks (log scale)"), std::string::npos);
  EXPECT_EQ(count(text, "●"), 3u + 1u);  // three points and the legend
  EXPECT_NE(text.find("└"), std::string::npos);
  EXPECT_EQ(text.find('\x1b'), std::string::npos);
  EXPECT_NE(text_chart(*sweep_chart(fixed_sweep()), 100, true).find('\x1b'), std::string::npos);
}

TEST(SweepSvg, IsAWellFormedLineChartWithTheMachineInItsTitle) {
  const std::string svg = svg_chart(fixed_sweep());
  EXPECT_EQ(svg.rfind("<?xml", 0), 0u);
  EXPECT_NE(svg.find("<svg xmlns=\"http://www.w3.org/2000/svg\""), std::string::npos);
  EXPECT_EQ(svg.substr(svg.size() - 7), "</svg>\n");
  EXPECT_EQ(count(svg, "<polyline"), 1u + 2u);  // the axes, then one line per model
  EXPECT_NE(svg.find("Test CPU"), std::string::npos);
  EXPECT_NE(svg.find("tasks (log scale)"), std::string::npos);
  EXPECT_NE(svg.find("wall median (log scale)"), std::string::npos);
  // Every opened element is closed: tags balance.
  EXPECT_EQ(count(svg, "<g"), count(svg, "</g>"));
  EXPECT_EQ(count(svg, "<text"), count(svg, "</text>"));
}

TEST(SweepSvg, EscapesText) {
  EXPECT_EQ(xml_escape("a<b & \"c\" 'd'>"), "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;");
  EXPECT_EQ(svg_number(12.50), "12.5");
  EXPECT_EQ(svg_number(40.0), "40");
  EXPECT_EQ(svg_number(-0.001), "0");
}

TEST(SweepReport, TablePivotsValuesAgainstModels) {
  const std::string text = render("table", fixed_sweep());
  EXPECT_NE(text.find("tasks  sequential"), std::string::npos);
  EXPECT_NE(text.find("✗ async at tasks 1000: task 3 waited"), std::string::npos);
  EXPECT_NE(text.find("⚠ noisy cells, marked ⚠"), std::string::npos);
  EXPECT_NE(render("markdown", fixed_sweep()).find("async at tasks 100; worst async at tasks 100 (range 35 %"),
            std::string::npos);
  EXPECT_EQ(text.find("bookkeeping:"), std::string::npos);  // an engineer's line: -v shows it
  std::ostringstream verbose;
  make_reporter(Format::table, RenderOptions{.color = false, .width = 100, .verbose = true}, true)
      ->write(fixed_sweep(), verbose);
  EXPECT_NE(verbose.str().find("bookkeeping: 45.0 ns per task"), std::string::npos);
}

TEST(SweepReport, CsvAndJsonCarryTheSweep) {
  const std::string csv = render("csv", fixed_sweep());
  EXPECT_EQ(count(csv, "\r\n"), 1u + 6u);
  EXPECT_NE(csv.find(",sweep_key,sweep_value\r\n"), std::string::npos);
  const std::string json = render("json", fixed_sweep());
  EXPECT_NE(json.find("\"sweep\": {"), std::string::npos);
  EXPECT_NE(json.find("\"sweep_value\": 1000.0"), std::string::npos);
}

TEST(SweepGolden, Table) { expect_golden("sweep.table.txt", render("table", fixed_sweep())); }
TEST(SweepGolden, Markdown) { expect_golden("sweep.markdown.md", render("markdown", fixed_sweep())); }
TEST(SweepGolden, Svg) { expect_golden("sweep.svg", svg_chart(fixed_sweep())); }
