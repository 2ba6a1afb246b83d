// The table on a classroom terminal: golden tables at 60, 80, 100 and 160 columns in UTF-8 and
// ASCII, no line ever wider than the width it was laid out for, the documented order in which
// columns give way, --wide, -v, and the speedup against the ideal when sequential did not run.
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "classroom_report.hpp"
#include "golden.hpp"
#include "report/reporter.hpp"
#include "report/table_grid.hpp"
#include "report/terminal_text.hpp"

namespace concur {
namespace {

using test::classroom_report;
using test::expect_golden;

RenderOptions fitted(int width, Charset charset = Charset::utf8) {
  return RenderOptions{.color = false, .width = width, .fit = true, .charset = charset};
}

std::string render(const Report& report, const RenderOptions& options) {
  std::ostringstream out;
  make_reporter(Format::table, options)->write(report, out);
  return out.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::size_t widest(const std::string& text) {
  std::size_t width = 0;
  for (const std::string& line : lines_of(text)) width = std::max(width, display_width(line));
  return width;
}

// The header line of the first table: the line after its first rule.
std::string first_header(const std::string& text, std::string_view rule_glyph) {
  const auto lines = lines_of(text);
  for (std::size_t i = 0; i + 1 < lines.size(); ++i)
    if (lines[i].rfind(rule_glyph, 0) == 0) return lines[i + 1];
  return {};
}

TEST(TableGolden, AtSixtyEightyHundredAndOneSixtyColumns) {
  for (const int width : {60, 80, 100, 160}) {
    expect_golden("table.w" + std::to_string(width) + ".txt", render(classroom_report(), fitted(width)));
    expect_golden("table.w" + std::to_string(width) + ".ascii.txt",
                  render(classroom_report(), fitted(width, Charset::ascii)));
  }
}

TEST(TableGolden, WideKeepsEveryColumnAtEighty) {
  RenderOptions options = fitted(80);
  options.wide = true;
  expect_golden("table.w80.wide.txt", render(classroom_report(), options));
}

TEST(TableWidth, NoLineIsWiderThanTheWidthFromFortyToTwoHundred) {
  for (const Charset charset : {Charset::utf8, Charset::ascii})
    for (int width = 40; width <= 200; ++width) {
      const std::string text = render(classroom_report(), fitted(width, charset));
      EXPECT_LE(widest(text), static_cast<std::size_t>(width)) << "at " << width << ":\n" << text;
    }
}

TEST(TableWidth, EightyColumnsKeepTheClassroomColumns) {
  const std::string header = first_header(render(classroom_report(), fitted(80)), "─");
  std::istringstream words(header);
  std::vector<std::string> shown;
  for (std::string w; words >> w;) shown.push_back(w);
  const std::vector<std::string> expected{"model", "wall",   "median", "speedup", "threads", "procs",
                                          "in",    "flight", "peak",   "RSS",     "ok"};
  EXPECT_EQ(shown, expected) << header;
}

TEST(TableWidth, ColumnsGiveWayInTheDocumentedOrder) {
  const auto shapes = table_shapes();
  ASSERT_EQ(shapes.size(), 10u);
  EXPECT_EQ(shapes.front().shown,
            (std::array<bool, column_count>{true, true, true, true, true, true, true, true, true, true, true}));
  const std::vector<std::size_t> dropped_in_order{range_column, cpu_column,       utilisation_column, procs_column,
                                                  rss_column,   in_flight_column, threads_column};
  std::vector<std::size_t> dropped;
  for (std::size_t s = 1; s < shapes.size(); ++s)
    for (std::size_t c = 0; c < column_count; ++c)
      if (shapes[s - 1].shown[c] && !shapes[s].shown[c]) dropped.push_back(c);
  EXPECT_EQ(dropped, dropped_in_order);
  for (const std::size_t kept : {model_column, wall_column, speedup_column, ok_column})
    EXPECT_TRUE(shapes.back().shown[kept]) << kept;
  // Each shape is no wider than the one before it.
  std::size_t previous = SIZE_MAX;
  for (const TableShape& shape : shapes) {
    const std::size_t width = lay_out_table(classroom_report().scenarios[0], shape, glyphs_for(Charset::utf8)).width;
    EXPECT_LE(width, previous);
    previous = width;
  }
}

TEST(TableWidth, AFileOrAPipeGetsEveryColumnWhateverTheWidth) {
  const RenderOptions pipe{.color = false, .width = 100};  // no fit: nothing said how wide
  const std::string text = render(classroom_report(), pipe);
  EXPECT_NE(text.find("min–max"), std::string::npos);
  EXPECT_NE(text.find("cpu/wall"), std::string::npos);
  EXPECT_GT(widest(text), 100u);
}

TEST(TableWidth, WideForcesEveryColumn) {
  RenderOptions options = fitted(60);
  options.wide = true;
  const std::string text = render(classroom_report(), options);
  for (const char* header : {"min–max", "cpu/wall", "in flight", "peak RSS", "wall median"})
    EXPECT_NE(text.find(header), std::string::npos) << header;
}

TEST(TableVerbose, EngineersLinesOnlyWithVerbose) {
  RenderOptions options = fitted(100);
  const std::string quiet = render(classroom_report(), options);
  options.verbose = true;
  const std::string verbose = render(classroom_report(), options);
  for (const char* engineers : {"-O3 -DNDEBUG", "bookkeeping: 63.6 ns per task", "⚠ noisy: pool — range 31 %"}) {
    EXPECT_EQ(quiet.find(engineers), std::string::npos) << engineers;
    EXPECT_NE(verbose.find(engineers), std::string::npos) << engineers;
  }
  // Without -v the noisy rows are still flagged, in one line for the whole table.
  EXPECT_NE(quiet.find("⚠ noisy: fork, pool — range up to 31 % of the median over 3 runs, 1 outlier run; try "
                       "--repeat 10"),
            std::string::npos)
      << quiet;
  EXPECT_NE(quiet.find("built: Release build · g++ 12.2.0 · Boost 1.81"), std::string::npos);
}

TEST(TableWarnings, MachineWarningsAndNoisyRowsShowWithoutVerbose) {
  Report report = classroom_report();
  report.machine.warnings = {"unoptimised build: timings are not representative"};
  const std::string fitted_text = render(report, fitted(100));
  EXPECT_NE(fitted_text.find("\n⚠ unoptimised build: timings are not representative\n"), std::string::npos);
  EXPECT_NE(fitted_text.find("1.002 s ⚠"), std::string::npos);     // the sign moved to the wall time
  EXPECT_EQ(fitted_text.find("noisy: async"), std::string::npos);  // quiet rows are not flagged
  const std::string full = render(report, RenderOptions{.color = false, .width = 100});
  EXPECT_NE(full.find("992.1 ms–1.012 s ⚠"), std::string::npos) << full;
}

TEST(TableSpeedup, AgainstTheIdealWhenSequentialDidNotRun) {
  const std::string text = render(classroom_report(), fitted(100));
  const auto factorial = text.find("factorial —");
  ASSERT_NE(factorial, std::string::npos);
  const std::string block = text.substr(factorial);
  EXPECT_NE(block.find("vs ideal = back to back ÷ wall, as sequential did not run"), std::string::npos) << block;
  EXPECT_NE(block.find("vs ideal"), std::string::npos);
  EXPECT_NE(block.find("1.92×"), std::string::npos) << block;  // 2.899 s / 1.512 s
  EXPECT_NE(block.find("0.99×"), std::string::npos) << block;  // 2.899 s / 2.931 s
  // Where sequential ran, the column stays the speedup over it.
  EXPECT_NE(text.substr(0, factorial).find("speedup"), std::string::npos);
}

TEST(TableRules, AsWideAsTheHeaderWhenEveryRowFailed) {
  Report report = classroom_report();
  for (ModelResult& row : report.scenarios[0].rows) {
    row.verified = false;
    row.speedup.reset();
    row.wall_s = {};
    row.failure = "measuring process killed by SIGKILL";
  }
  for (const Charset charset : {Charset::utf8, Charset::ascii}) {
    const auto lines = lines_of(render(report, fitted(100, charset)));
    const std::string rule_glyph(glyphs_for(charset).rule);
    std::vector<std::size_t> rules;
    std::size_t header = 0;
    for (std::size_t i = 0; i < lines.size() && rules.size() < 3; ++i)
      if (lines[i].rfind(rule_glyph, 0) == 0) {
        rules.push_back(display_width(lines[i]));
        if (rules.size() == 1) header = display_width(lines[i + 1]);
      }
    ASSERT_EQ(rules.size(), 3u);
    EXPECT_EQ(rules[0], rules[1]);
    EXPECT_EQ(rules[1], rules[2]);
    EXPECT_GE(rules[0], header);
  }
}

}  // namespace
}  // namespace concur
