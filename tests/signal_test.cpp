// Signals against the real binary: Ctrl-C in a fork storm, SIGTERM while the tool itself is
// busy (writing files, computing a reference), SIGHUP from a closed terminal, and a measured
// process that crashes or is killed. Afterwards no process of the run may exist, zombie or
// not, and TMPDIR must be empty.
#include <gtest/gtest.h>

#include <signal.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "child_process.hpp"

using namespace concur::test;

namespace {

void expect_interrupted(const Result& r, int signal, const char* name) {
  EXPECT_EQ(r.exit_code, 128 + signal) << r.err;
  EXPECT_EQ(r.out, "");
  const auto said = lines(r.err);
  ASSERT_EQ(said.size(), 1u) << r.err;
  EXPECT_NE(said[0].find(std::string("interrupted by ") + name), std::string::npos) << said[0];
}

}  // namespace

TEST(Signals, CtrlCInAForkStormKillsAndReapsEveryProcessAndRemovesTheTempDir) {
  const ScratchDir tmp;
  // `all` builds every scenario first, so the files scenario's temp dir exists during the sleeps.
  Child tool({.args = {"all", "--model", "fork", "--tasks", "200", "--delay", "5s", "--size", "64KiB", "--factorial",
                       "100", "--repeat", "1", "--warmup", "0"},
              .tmpdir = tmp.path()});
  pid_t measured = 0;
  ASSERT_TRUE(eventually(30, [&] {
    measured = measured_process_of(tool.pid());
    return measured != 0 && processes_in_group(measured).size() >= 201;  // it and its 200 children
  })) << tool.err_so_far();
  ASSERT_FALSE(tmp.entries().empty()) << "the temp dir should exist mid-run";
  ::kill(-tool.pid(), SIGINT);  // what Ctrl-C does: the terminal signals the foreground process group
  const auto r = tool.wait_for(30);
  ASSERT_TRUE(r.has_value()) << "still running 30 s after SIGINT";
  expect_interrupted(*r, SIGINT, "SIGINT");
  EXPECT_EQ(processes_in_group(measured), std::vector<pid_t>{}) << "a process of the measured group survived";
  EXPECT_EQ(tmp.entries(), std::vector<std::string>{});
}

TEST(Signals, SigtermWhileGeneratingFilesRemovesThem) {
  const ScratchDir tmp;
  Child tool({.args = {"files", "--size", "256MiB", "--tasks", "16", "--model", "sequential"}, .tmpdir = tmp.path()});
  ASSERT_TRUE(eventually(30, [&] {
    const auto e = tmp.entries();
    return !e.empty() && !std::filesystem::is_empty(tmp / e[0]);  // its first file is being written
  })) << tool.err_so_far();
  ::kill(tool.pid(), SIGTERM);
  const auto r = tool.wait_for(30);
  ASSERT_TRUE(r.has_value()) << "still running 30 s after SIGTERM";
  expect_interrupted(*r, SIGTERM, "SIGTERM");
  EXPECT_EQ(tmp.entries(), std::vector<std::string>{});
}

TEST(Signals, SigtermDuringALongComputationInTheToolItselfEndsItAtOnce) {
  // The reference 1,000,000! takes minutes; the handler must not wait for it.
  Child tool({.args = {"factorial", "--factorial", "1000000", "--tasks", "1"}});
  // A sanitizer build on a busy machine can take longer than the pause below just to start.
  ASSERT_TRUE(eventually(30, [&] { return catches_signal(tool.pid(), SIGTERM); }));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  ::kill(tool.pid(), SIGTERM);
  const auto r = tool.wait_for(10);
  ASSERT_TRUE(r.has_value()) << "still computing 10 s after SIGTERM";
  expect_interrupted(*r, SIGTERM, "SIGTERM");
}

TEST(Signals, SighupFromAClosedTerminalStopsThreadsToo) {
  Child tool(
      {.args = {"sleep", "--model", "thread", "--tasks", "50", "--delay", "5s", "--repeat", "1", "--warmup", "0"}});
  pid_t measured = 0;
  ASSERT_TRUE(eventually(20, [&] { return (measured = measured_process_of(tool.pid())) != 0; }));
  ::kill(-tool.pid(), SIGHUP);
  const auto r = tool.wait_for(20);
  ASSERT_TRUE(r.has_value());
  expect_interrupted(*r, SIGHUP, "SIGHUP");
  EXPECT_EQ(processes_in_group(measured), std::vector<pid_t>{});
}

// A measured process that dies of a signal is a failed row naming the signal, never a result;
// the other models go on and the tool exits 1.
class MeasuredProcessDeath : public testing::TestWithParam<int> {};

TEST_P(MeasuredProcessDeath, IsAFailedRowNamingTheSignal) {
  const int signal = GetParam();
  // Sanitizers catch SIGSEGV themselves and exit with a status instead: let it kill, as it would.
  const auto with_segv_default = [](const char* name) {
    const char* now = std::getenv(name);
    return std::string(name) + "=" + (now != nullptr ? std::string(now) + ":" : "") + "handle_segv=0";
  };
  Child tool({.args = {"sleep", "--model", "sequential,async", "--tasks", "2", "--delay", "1s", "--repeat", "1",
                       "--warmup", "0", "--format", "csv"},
              .env = {with_segv_default("ASAN_OPTIONS"), with_segv_default("TSAN_OPTIONS")}});
  pid_t measured = 0;
  ASSERT_TRUE(eventually(20, [&] { return (measured = measured_process_of(tool.pid())) != 0; }));
  ::kill(measured, signal);  // the sequential run, two seconds long
  const Result r = tool.wait();
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const std::string failed = csv_row(r.out, "sleep", "sequential");
  EXPECT_NE(failed.find(",false,"), std::string::npos) << failed;
  EXPECT_NE(failed.find(std::string("killed by SIG") + sigabbrev_np(signal)), std::string::npos) << failed;
  EXPECT_NE(csv_row(r.out, "sleep", "async").find(",true,"), std::string::npos) << r.out;
}

INSTANTIATE_TEST_SUITE_P(Signals, MeasuredProcessDeath, testing::Values(SIGSEGV, SIGKILL),
                         [](const testing::TestParamInfo<int>& p) { return std::string(sigabbrev_np(p.param)); });
