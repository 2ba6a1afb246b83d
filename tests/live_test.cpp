// --live on a real terminal: the binary runs in a tmux pane of 80 × 24 and the test reads the
// screen as a class would see it, twice while the tasks run and once after; Ctrl-C must give the
// terminal back as it was; anywhere but a terminal the option is refused with one line.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "child_process.hpp"
#include "report/terminal_text.hpp"
#include "run_binary.hpp"
#include "tmux_pane.hpp"

using namespace concur;
using namespace concur::test;

namespace {

constexpr int kWidth = 80;
constexpr int kHeight = 24;

// Cells drawn so far in the lanes of `screen` (the lines of tasks), in either glyph set: every
// character between a lane's two bars that is not blank.
std::size_t filled_cells(const std::string& screen) {
  std::size_t filled = 0;
  for (const std::string& line : lines(screen)) {
    if (line.rfind("  task", 0) != 0) continue;
    const bool unicode = line.find("│") != std::string::npos;
    const std::string bar = unicode ? "│" : "|";
    const auto open = line.find(bar);
    const auto close = line.rfind(bar);
    if (open == std::string::npos || close <= open) continue;
    const std::string cells = line.substr(open + bar.size(), close - open - bar.size());
    filled += display_width(cells) - static_cast<std::size_t>(std::count(cells.begin(), cells.end(), ' '));
  }
  return filled;
}

// No line of the pane, wrapped lines joined, is as wide as the pane.
void expect_no_wrapped_line(const TmuxPane& pane) {
  for (const std::string& line : lines(pane.joined_screen()))
    EXPECT_LT(display_width(line), static_cast<std::size_t>(kWidth)) << line;
}

}  // namespace

TEST(LiveTerminal, LanesFillInWhileTheTasksRunAndTheTableStaysAfter) {
  if (!tmux_available()) GTEST_SKIP() << "tmux is not installed";
  // Sequential, ten waits of 300 ms: a staircase that takes 3 s to climb.
  const TmuxPane pane({"sleep", "--model", "sequential,async", "--tasks", "10", "--delay", "300ms", "--repeat", "1",
                       "--warmup", "0", "--live"},
                      kWidth, kHeight);
  ASSERT_TRUE(eventually(15, [&] { return filled_cells(pane.screen()) > 0; })) << pane.screen();
  const std::string first = pane.screen();
  EXPECT_EQ(pane.query("#{alternate_on}"), "1") << "drawn on the alternate screen";
  std::this_thread::sleep_for(std::chrono::milliseconds(900));
  const std::string second = pane.screen();
  EXPECT_GT(filled_cells(second), filled_cells(first)) << first << "\n----\n" << second;
  EXPECT_NE(second.find("sequential"), std::string::npos) << second;
  EXPECT_NE(second.find("left"), std::string::npos) << "the progress line is the bottom line:\n" << second;
  expect_no_wrapped_line(pane);

  ASSERT_TRUE(pane.wait_until_done(60)) << pane.screen();
  const std::string after = pane.screen();
  EXPECT_NE(after.find("[exit 0]"), std::string::npos) << after;
  EXPECT_NE(after.find("wall median"), std::string::npos) << "the final screen holds the table:\n" << after;
  EXPECT_NE(after.find("async"), std::string::npos) << after;
  EXPECT_NE(after.find("takeaway"), std::string::npos) << after;
  EXPECT_EQ(after.find("  task 1"), std::string::npos) << "the lanes leave with the alternate screen:\n" << after;
  EXPECT_EQ(pane.query("#{alternate_on} #{cursor_flag}"), "0 1");
  EXPECT_NE(after.find("\necho\n"), std::string::npos) << after;
  expect_no_wrapped_line(pane);
}

TEST(LiveTerminal, CtrlCGivesTheTerminalBackAsItWas) {
  if (!tmux_available()) GTEST_SKIP() << "tmux is not installed";
  const TmuxPane pane({"sleep", "--model", "sequential", "--tasks", "20", "--delay", "1s", "--live"}, kWidth, kHeight);
  ASSERT_TRUE(eventually(15, [&] { return filled_cells(pane.screen()) > 0; })) << pane.screen();
  ASSERT_EQ(pane.query("#{alternate_on} #{cursor_flag}"), "1 0") << "taken: alternate screen, cursor hidden";
  pane.keys("C-c");
  ASSERT_TRUE(pane.wait_until_done(15)) << pane.screen();
  const std::string after = pane.screen();
  EXPECT_NE(after.find("[exit 130]"), std::string::npos) << after;
  EXPECT_NE(after.find("interrupted by SIGINT"), std::string::npos) << after;
  EXPECT_EQ(pane.query("#{alternate_on} #{cursor_flag}"), "0 1") << "back on the normal screen, cursor shown";
  // The pane printed the terminal's flags after the binary ended: echo and line editing are on.
  EXPECT_NE(after.find("\necho\n"), std::string::npos) << after;
  EXPECT_NE(after.find("\nicanon\n"), std::string::npos) << after;
}

TEST(LiveRefused, WhenStandardOutputIsNotATerminal) {
  const BinaryResult r = run_binary({"sleep", "--model", "async", "--tasks", "2", "--delay", "10ms", "--live"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_EQ(lines(r.err).size(), 1u) << r.err;
  EXPECT_NE(r.err.find("--live"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("not one"), std::string::npos) << r.err;
}
