// What the real binary puts on a terminal: tables that fit COLUMNS, full tables into a pipe,
// --wide and -v, plain ASCII under a locale that is not UTF-8 (every terminal writer), one
// model that still teaches, and a hostile file name that never reaches the terminal raw.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "child_process.hpp"
#include "classroom_report.hpp"
#include "report/terminal_text.hpp"

using namespace concur::test;

namespace {

// A short sleep run: every core model on 4 waits of 5 ms, once.
std::vector<std::string> quick_sleep(std::vector<std::string> more = {}) {
  std::vector<std::string> args{"sleep", "--tasks", "4", "--delay", "5ms", "--repeat", "1", "--warmup", "0"};
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

Result run_with(std::vector<std::string> args, std::vector<std::string> env) {
  return run(Launch{.args = std::move(args), .env = std::move(env)});
}

std::size_t widest_line(const std::string& text) {
  std::size_t width = 0;
  for (const std::string& line : lines(text)) width = std::max(width, concur::display_width(line));
  return width;
}

bool all_ascii(const std::string& text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

TEST(TerminalWidth, ColumnsMakesTheTableFit) {
  for (const int width : {60, 80}) {
    const Result r = run_with(quick_sleep({"--blocking"}), {"COLUMNS=" + std::to_string(width), "LC_ALL=C.UTF-8"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_LE(widest_line(r.out), static_cast<std::size_t>(width)) << r.out;
    EXPECT_NE(r.out.find("async-blocking"), std::string::npos) << r.out;
  }
}

TEST(TerminalWidth, APipeWithoutColumnsGetsEveryColumn) {
  const Result r = run_with(quick_sleep(), {"COLUMNS=", "LC_ALL=C.UTF-8"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* header : {"wall median", "min–max", "cpu/wall", "speedup", "in flight", "peak RSS"})
    EXPECT_NE(r.out.find(header), std::string::npos) << header << "\n" << r.out;
}

TEST(TerminalWidth, WideKeepsEveryColumnAndVerboseShowsTheEngineersLines) {
  const Result wide = run_with(quick_sleep({"--wide"}), {"COLUMNS=60", "LC_ALL=C.UTF-8"});
  ASSERT_EQ(wide.exit_code, 0) << wide.err;
  EXPECT_NE(wide.out.find("min–max"), std::string::npos) << wide.out;
  EXPECT_EQ(wide.out.find("bookkeeping:"), std::string::npos) << wide.out;
  const Result verbose = run_with(quick_sleep({"-v"}), {"COLUMNS=100", "LC_ALL=C.UTF-8"});
  ASSERT_EQ(verbose.exit_code, 0) << verbose.err;
  EXPECT_NE(verbose.out.find("bookkeeping:"), std::string::npos) << verbose.out;
  EXPECT_NE(verbose.out.find(" -O"), std::string::npos) << verbose.out;  // the build flags
  // JSON keeps them whatever -v says.
  const Result json = run_with(quick_sleep({"--format", "json"}), {"COLUMNS=60"});
  EXPECT_NE(json.out.find("\"bookkeeping_ns_per_task\""), std::string::npos);
  EXPECT_NE(json.out.find("\"flags\""), std::string::npos);
}

TEST(TerminalTeaching, OneModelStillTeaches) {
  const Result r =
      run_with({"sleep", "--model", "async", "--tasks", "10", "--delay", "20ms", "--repeat", "1", "--warmup", "0"},
               {"COLUMNS=200", "LC_ALL=C.UTF-8"});  // wide: no sentence cut by a wrap
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("vs ideal"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("as sequential did not run"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("takeaway: async ran 10 tasks of 20.0 ms each"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("on 1 thread"), std::string::npos) << r.out;
  const Result pair = run_with(
      {"sleep", "--model", "thread,async", "--tasks", "10", "--delay", "20ms", "--repeat", "1", "--warmup", "0"},
      {"COLUMNS=200", "LC_ALL=C.UTF-8"});
  ASSERT_EQ(pair.exit_code, 0) << pair.err;
  // Which of the two comes first depends on the run (a busy machine may slow either): the
  // takeaway compares them with each other either way.
  const bool async_first = pair.out.find("× thread, on 1 thread instead of 11") != std::string::npos;
  const bool thread_first = pair.out.find("× async, on 11 threads instead of 1") != std::string::npos;
  EXPECT_TRUE(async_first || thread_first) << pair.out;
}

TEST(TerminalCharset, PlainAsciiUnderTheCLocaleInEveryTerminalWriter) {
  const std::vector<std::vector<std::string>> commands{
      quick_sleep({"--timeline", "--model", "sequential,thread,async"}),
      {"sweep", "sleep", "--vary", "tasks=2,4", "--delay", "5ms", "--repeat", "1", "--warmup", "0", "--model",
       "thread,async"},
      {"count", "--model", "sequential,async", "--delay", "10ms"},
      {"list"},
      {"explain"},
      {"explain", "async"},
      {"explain", "concurrency-not-parallelism"}};
  for (const auto& args : commands) {
    const Result c = run_with(args, {"LC_ALL=C", "LANG=C", "COLUMNS=80"});
    EXPECT_EQ(c.exit_code, 0) << args[0] << "\n" << c.err;
    EXPECT_TRUE(all_ascii(c.out)) << args[0] << "\n" << c.out;
    // The sweep's chart is laid out by the chart code, which this test leaves to its own tests.
    if (args[0] != "sweep") {
      EXPECT_LE(widest_line(c.out), 80u) << args[0] << "\n" << c.out;
    }
    // Where the UTF-8 output has glyphs (✓, ×, —, ·), a UTF-8 locale still gets them.
    const Result utf8 = run_with(args, {"LC_ALL=C.UTF-8", "COLUMNS=80"});
    if (args[0] != "list" && args.size() > 1) {
      EXPECT_FALSE(all_ascii(utf8.out)) << args[0] << " lost its Unicode under a UTF-8 locale\n" << utf8.out;
    }
  }
  const Result table = run_with(quick_sleep(), {"LC_ALL=C", "COLUMNS="});
  for (const char* ascii : {"ok", " us", "x ", "-----"})
    EXPECT_NE(table.out.find(ascii), std::string::npos) << ascii << "\n" << table.out;
}

// A file named with an escape sequence and a line break, whose content changes while it is
// read, so its row fails and names it: the name must reach the terminal escaped.
TEST(TerminalSafety, AHostileFileNameNeverReachesTheTerminalRaw) {
  const ScratchDir dir(0755);
  const std::string hostile = dir / kHostileName;
  std::ofstream(hostile) << "0123456789";
  std::atomic<bool> done{false};
  std::thread flipper([&] {
    for (unsigned i = 0; !done; ++i) {
      const int fd = ::open(hostile.c_str(), O_WRONLY | O_TRUNC);
      const std::string content = i % 2 == 0 ? "0123456789" : "98765432109876543210";
      if (fd >= 0) {
        [[maybe_unused]] const auto written = ::write(fd, content.data(), content.size());
        ::close(fd);
      }
      ::usleep(300);
    }
  });
  for (const char* format : {"table", "markdown", "csv", "json"}) {
    const Result r = run_with({"files", "--dir", dir.path(), "--model", "sequential", "--repeat", "40", "--warmup", "0",
                               "--cache", "warm", "--format", format},
                              {"COLUMNS=80", "LC_ALL=C.UTF-8"});
    EXPECT_EQ(r.exit_code, 1) << format << " should fail its row\n" << r.out << r.err;
    EXPECT_EQ(r.out.find('\x1b'), std::string::npos) << format << "\n" << r.out;
    EXPECT_EQ(r.err.find('\x1b'), std::string::npos) << format << "\n" << r.err;
    EXPECT_NE(r.out.find("evil"), std::string::npos) << format << ": the failure names the file\n" << r.out;
  }
  done = true;
  flipper.join();
}

}  // namespace
