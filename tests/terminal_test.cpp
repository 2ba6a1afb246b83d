// What the tool draws on a real terminal while it measures, read from a tmux pane of 80 × 24
// as a class would see it: the progress line on stderr.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "child_process.hpp"
#include "report/units.hpp"
#include "run_binary.hpp"
#include "tmux_pane.hpp"

using namespace concur;
using namespace concur::test;

namespace {

// The first line of `screen` holding `text`, or "".
std::string line_with(const std::string& screen, const std::string& text) {
  for (const std::string& line : lines(screen))
    if (line.find(text) != std::string::npos) return line;
  return {};
}

}  // namespace

TEST(TerminalProgress, ABarTheModelAndTheTimeLeftWhileMeasuringThenNothing) {
  if (!tmux_available()) GTEST_SKIP() << "tmux is not installed";
  const ScratchDir dir;
  // About 5 s of measuring: over the 2 s a progress line waits for, short enough for a test.
  const TmuxPane pane({"sleep", "--model", "sequential,thread", "--tasks", "25", "--delay", "100ms", "--repeat", "2",
                       "--warmup", "0", "-o", dir / "report.txt"},
                      80, 24);
  ASSERT_TRUE(pane.wait_for_text(" left", 10)) << pane.screen();
  const std::string line = line_with(pane.screen(), " left");
  EXPECT_EQ(line.rfind('[', 0), 0u) << line;
  EXPECT_NE(line.find(" % · "), std::string::npos) << line;
  EXPECT_NE(line.find("sleep · sequential · model 1 of 2 · run 1 of 2"), std::string::npos) << line;
  EXPECT_LT(display_width(line), 80u) << line;
  ASSERT_TRUE(pane.wait_until_done(60)) << pane.screen();
  const std::string after = pane.screen();
  EXPECT_NE(after.find("[exit 0]"), std::string::npos) << after;
  EXPECT_EQ(after.find(" left"), std::string::npos) << "the line is erased at the end:\n" << after;
  EXPECT_NE(slurp(dir / "report.txt").find("sequential"), std::string::npos);
}
