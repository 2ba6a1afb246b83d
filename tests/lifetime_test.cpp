// Nothing left running, nothing left behind, against the real binary: the measuring process and
// everything it started die with the tool even when the tool is SIGKILLed; Ctrl-\ (SIGQUIT),
// SIGUSR1 and the other ending signals clean up like SIGTERM; and the temp files of a run that
// was killed outright are removed by the next run, while a live run's are never touched.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "child_process.hpp"
#include "run_binary.hpp"

using namespace concur::test;

namespace {

bool python_available() { return ::system("command -v python3 >/dev/null 2>&1") == 0; }

// Kills the tool alone with SIGKILL (nothing can be handled) and expects every process of its
// measured group to be gone soon after.
void expect_run_dies_with_tool(const std::vector<std::string>& args, std::size_t processes_in_run) {
  Child tool({.args = args});
  pid_t measured = 0;
  ASSERT_TRUE(eventually(30, [&] {
    measured = measured_process_of(tool.pid());
    return measured != 0 && processes_in_group(measured).size() >= processes_in_run;
  })) << tool.err_so_far();
  ::kill(tool.pid(), SIGKILL);
  (void)tool.wait();
  EXPECT_TRUE(eventually(5, [&] { return processes_in_group(measured).empty(); }))
      << processes_in_group(measured).size() << " processes of the run outlived the tool";
}

}  // namespace

TEST(Lifetime, AMeasuringProcessAndItsChildrenDieWithAKilledTool) {
  expect_run_dies_with_tool(
      {"sleep", "--model", "fork", "--tasks", "20", "--delay", "30s", "--repeat", "1", "--warmup", "0"}, 21);
}

TEST(Lifetime, Python3DiesWithAKilledToolToo) {
  if (!python_available()) GTEST_SKIP() << "no python3 on the PATH";
  expect_run_dies_with_tool(
      {"sleep", "--model", "py-process", "--tasks", "3", "--delay", "30s", "--repeat", "1", "--warmup", "0"}, 3);
}

// Every signal whose default would end the tool without cleaning up: one line, every process
// stopped and reaped, the temp dir gone, exit 128 + the signal.
class EndingSignal : public testing::TestWithParam<int> {};

TEST_P(EndingSignal, CleansUpLikeSigterm) {
  const int signal = GetParam();
  const ScratchDir tmp;
  Child tool({.args = {"all", "--model", "fork", "--tasks", "50", "--delay", "5s", "--size", "64KiB", "--factorial",
                       "100", "--repeat", "1", "--warmup", "0"},
              .tmpdir = tmp.path()});
  pid_t measured = 0;
  ASSERT_TRUE(eventually(30, [&] {
    measured = measured_process_of(tool.pid());
    return measured != 0 && processes_in_group(measured).size() >= 51;
  })) << tool.err_so_far();
  ASSERT_FALSE(tmp.entries().empty());
  ::kill(tool.pid(), signal);
  const auto r = tool.wait_for(30);
  ASSERT_TRUE(r.has_value()) << "still running 30 s after the signal";
  EXPECT_EQ(r->exit_code, 128 + signal) << r->err;
  EXPECT_EQ(r->out, "");
  ASSERT_EQ(lines(r->err).size(), 1u) << r->err;
  EXPECT_NE(r->err.find(std::string("interrupted by SIG") + sigabbrev_np(signal)), std::string::npos) << r->err;
  EXPECT_EQ(processes_in_group(measured), std::vector<pid_t>{});
  EXPECT_EQ(tmp.entries(), std::vector<std::string>{});
}

INSTANTIATE_TEST_SUITE_P(Lifetime, EndingSignal,
                         testing::Values(SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGXCPU, SIGVTALRM, SIGPROF),
                         [](const testing::TestParamInfo<int>& p) { return std::string(sigabbrev_np(p.param)); });

TEST(Lifetime, TheTempDirOfAKilledRunIsRemovedByTheNextRun) {
  const ScratchDir tmp;
  // `all` builds the files scenario (its temp dir) before measuring the long sleeps.
  Child killed({.args = {"all", "--model", "sequential", "--tasks", "2", "--delay", "30s", "--size", "4KiB",
                         "--factorial", "100", "--repeat", "1", "--warmup", "0"},
                .tmpdir = tmp.path()});
  pid_t measured = 0;
  ASSERT_TRUE(eventually(30, [&] { return (measured = measured_process_of(killed.pid())) != 0; }));
  ::kill(measured, SIGKILL);
  ::kill(killed.pid(), SIGKILL);
  (void)killed.wait();
  const auto left = tmp.entries();
  ASSERT_EQ(left.size(), 1u) << "a SIGKILLed run cannot clean up: its temp dir stays until the next run";

  // Whatever is not a dead run's stays: a live process's directory, another name, a file.
  const std::string live = tmp / ("concur-demo." + std::to_string(::getpid()) + ".keepme");
  ::mkdir(live.c_str(), 0700);
  ::mkdir((tmp / "concur-demo.notes").c_str(), 0700);
  const Result next = run(
      {.args = {"sleep", "--tasks", "1", "--delay", "1ms", "--model", "sequential", "--repeat", "1", "--warmup", "0"},
       .tmpdir = tmp.path()});
  EXPECT_EQ(next.exit_code, 0) << next.err;
  const auto after = tmp.entries();
  EXPECT_EQ(std::count(after.begin(), after.end(), left[0]), 0) << "the killed run's temp dir is still there";
  EXPECT_TRUE(std::filesystem::exists(live));
  EXPECT_TRUE(std::filesystem::exists(tmp / "concur-demo.notes"));
}

TEST(Lifetime, ALiveRunsTempDirIsNeverTakenForStale) {
  const ScratchDir tmp;
  // A warm cache: no fdatasync of the files before each run, which on a busy disk can stall for
  // seconds. 64 files a run keep each measured process alive for milliseconds, long enough to be
  // seen by a poll every 20 ms (with 2 tiny files, 1,000 runs took about a second, and in one CI
  // run no poll saw a measured process within 30 s).
  Child first({.args = {"files", "--model", "sequential", "--tasks", "64", "--size", "64KiB", "--cache", "warm",
                        "--repeat", "1000", "--warmup", "0"},
               .tmpdir = tmp.path()});
  ASSERT_TRUE(eventually(30, [&] { return measured_process_of(first.pid()) != 0; })) << first.err_so_far();
  const auto before = tmp.entries();
  ASSERT_EQ(before.size(), 1u);
  const Result second = run({.args = {"files", "--model", "sequential", "--tasks", "1", "--size", "4KiB", "--cache",
                                      "warm", "--repeat", "1", "--warmup", "0"},
                             .tmpdir = tmp.path()});
  EXPECT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(tmp.entries(), before) << "the second run removed the first's files";
  ::kill(first.pid(), SIGTERM);
  (void)first.wait_for(30);
}

TEST(Lifetime, AMeasuredProcessNeverWritesACoreFile) {
  // Even with core dumps allowed to the tool, a crashing model must not drop a core file into the
  // user's working directory: the measured process runs with RLIMIT_CORE 0.
  Child tool(
      {.args = {"sleep", "--model", "sequential", "--tasks", "1", "--delay", "5s", "--repeat", "1", "--warmup", "0"},
       .limits = {{RLIMIT_CORE, RLIM_INFINITY}}});
  pid_t measured = 0;
  ASSERT_TRUE(eventually(30, [&] { return (measured = measured_process_of(tool.pid())) != 0; }));
  const std::string limits = slurp("/proc/" + std::to_string(measured) + "/limits");
  const auto line = limits.find("Max core file size");
  ASSERT_NE(line, std::string::npos) << limits;
  std::istringstream fields(limits.substr(line + std::strlen("Max core file size")));
  std::string soft;  // the soft limit, which is what the kernel applies; the hard one may stay
  fields >> soft;
  EXPECT_EQ(soft, "0") << limits;
  ::kill(tool.pid(), SIGTERM);
  (void)tool.wait_for(30);
}
