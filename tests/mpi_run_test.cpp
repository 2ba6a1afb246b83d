// The mpi model for real: the binary with a real mpirun. Rows that verify, ranks capping
// concurrency, a localhost hostfile, the limit check with real RLIMIT_NPROC, a rank killed
// mid-run, SIGINT, SIGTERM, SIGHUP and a killed tool, a machine that forbids reading another
// process's memory. Launches that fail are in mpi_launch_failure_test.cpp.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <ostream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "mpi/launch.hpp"
#include "mpi_support.hpp"

using namespace concur;
using namespace concur::test;
using namespace std::chrono_literals;

TEST(MpiLimits, TheCheckBeforeARunCountsTheRanksAsked) {
  SKIP_WITHOUT_MPI();
  if (!running_as_root()) GTEST_SKIP() << "needs root to run the tool as a user of its own";
  // Root is exempt from RLIMIT_NPROC: run as a user of its own, from a copy of both programs
  // that this user may execute (the rank program is found beside the binary).
  const ScratchDir bin(0755);
  for (const std::string& program : {std::string("concur-demo"), std::string(kRankProgram)}) {
    const auto from = std::filesystem::path(CONCUR_BINARY).parent_path() / program;
    std::filesystem::copy_file(from, bin / program);
    ::chmod((bin / program).c_str(), 0755);
  }
  // The user starts in its TMPDIR: mpirun gives the ranks its working directory, and the test's
  // own (the build tree) may be one this user cannot enter.
  const ScratchDir tmp(0777);
  const Result r = run({.args = {"sleep", "--model", "mpi", "--ranks", "30", "--tasks", "2", "--delay", "1ms"},
                        .tmpdir = tmp.path(),
                        .cwd = tmp.path(),
                        .unprivileged = true,
                        .uid = 65532,
                        .max_user_tasks = 40,
                        .binary = bin / "concur-demo"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(lines(r.err).size(), 1u) << r.err;
  EXPECT_NE(r.err.find("the mpi model"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("RLIMIT_NPROC"), std::string::npos) << r.err;
  const Result fits = run({.args = {"sleep", "--model", "mpi", "--ranks", "2", "--tasks", "2", "--delay", "1ms",
                                    "--repeat", "1", "--warmup", "0"},
                           .tmpdir = tmp.path(),
                           .cwd = tmp.path(),
                           .unprivileged = true,
                           .uid = 65532,
                           .max_user_tasks = 40,
                           .binary = bin / "concur-demo"});
  EXPECT_EQ(fits.exit_code, 0) << fits.err << fits.out;
}

// --- the real thing -----------------------------------------------------------------------

TEST(MpiRun, FactorialVerifiesAndTheNoteSplitsLaunchFromWorkAndCountsBytes) {
  SKIP_WITHOUT_MPI();
  const auto r = run_binary({"factorial", "--model", "sequential,mpi", "--ranks", "2", "--tasks", "4", "--factorial",
                             "3000", "--repeat", "1", "--warmup", "0"});
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  EXPECT_NE(row_of(r.out, "mpi").find("✓"), std::string::npos) << r.out;
  const std::string note = remark_of(r.out, "mpi");
  for (const char* part : {"2 ranks on ", "launch ", "work ", "moved between ranks", "gathered to rank 0"})
    EXPECT_NE(note.find(part), std::string::npos) << part << " in: " << note;
  EXPECT_EQ(r.err, "");
}

TEST(MpiRun, RanksCapTasksInFlightAndEachIsAProcess) {
  SKIP_WITHOUT_MPI();
  const auto r = run_binary({"sleep", "--model", "mpi", "--ranks", "2", "--tasks", "6", "--delay", "100ms", "--repeat",
                             "1", "--warmup", "0", "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string row = csv_row(r.out, "sleep", "mpi");
  ASSERT_NE(row.find(",true,"), std::string::npos) << row;
  // workers,verified,... os_threads,processes,max_in_flight: 2 ranks, the measuring process, 2 in flight.
  EXPECT_NE(row.find("sleep,mpi,6,2,true,"), std::string::npos) << row;
  EXPECT_NE(row.find(",3,3,2,"), std::string::npos) << row;
}

TEST(MpiRun, CpuTimeCoversTheSameWindowAsWallTime) {
  SKIP_WITHOUT_MPI();
  const double cores = std::thread::hardware_concurrency();
  // mpirun and two ranks booting MPI spend 100-200 ms of CPU, more than the work's wall time
  // here: counted against it, they would show several more cores busy than there are. Waits
  // compute next to nothing; two ranks computing keep at most every core busy, give or take the
  // milliseconds the measuring process, competing with them for the cores, may see the window's
  // ends late (a tenth of this work's wall time is generous).
  struct Case {
    std::vector<std::string> scenario;
    double most;
  };
  for (const Case& c : {Case{.scenario = {"sleep", "--delay", "1ms"}, .most = cores},
                        Case{.scenario = {"factorial", "--factorial", "15000"}, .most = cores * 1.1}}) {
    std::vector<std::string> args = c.scenario;
    for (const char* a :
         {"--model", "mpi", "--ranks", "2", "--tasks", "4", "--repeat", "3", "--warmup", "0", "--format", "json"})
      args.emplace_back(a);
    const auto r = run_binary(args);
    ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
    const auto rows = nlohmann::json::parse(r.out).at("results");
    const auto mpi = std::find_if(rows.begin(), rows.end(), [](const auto& row) { return row.at("model") == "mpi"; });
    ASSERT_NE(mpi, rows.end()) << r.out;
    EXPECT_TRUE(mpi->at("verified").get<bool>()) << r.out;
    EXPECT_LE(mpi->at("cpu_utilisation").get<double>(), c.most) << c.scenario[0] << ": " << r.out;
  }
}

TEST(MpiRun, AHostfileNamingOnlyLocalhostWorksThroughHosts) {
  SKIP_WITHOUT_MPI();
  const ScratchDir dir;
  write_file(dir / "hosts", "# this machine only\nlocalhost slots=2\n");
  const auto r = run_binary({"factorial", "--model", "mpi", "--ranks", "2", "--hosts", dir / "hosts", "--tasks", "2",
                             "--factorial", "2000", "--repeat", "1", "--warmup", "0"});
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  EXPECT_NE(row_of(r.out, "mpi").find("✓"), std::string::npos) << r.out;
  EXPECT_NE(remark_of(r.out, "mpi").find("2 ranks on "), std::string::npos) << r.out;
}

TEST(MpiRun, SkippedWithOneNoteWhenMpirunIsNotOnThePath) {
  if (!std::string(CONCUR_SANITIZER).empty()) GTEST_SKIP() << "Open MPI is not instrumented";
  const ScratchDir empty;
  const auto r =
      run_binary({"sleep", "--model", "thread,mpi", "--tasks", "2", "--delay", "1ms", "--repeat", "1", "--warmup", "0"},
                 empty.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(lines(r.err).size(), 1u) << r.err;
  EXPECT_NE(r.err.find("skipped mpi"), std::string::npos) << r.err;
  EXPECT_EQ(row_of(r.out, "mpi"), "") << r.out;
  EXPECT_NE(row_of(r.out, "thread"), "") << r.out;
}

TEST(MpiRun, FilesOnMachinesThatCannotSeeThemAreRefusedUnlessGivenADir) {
  SKIP_WITHOUT_MPI();
  const ScratchDir dir;
  write_file(dir / "hosts", "127.0.0.2 slots=2\n");
  const auto r = run_binary({"files", "--model", "mpi", "--hosts", dir / "hosts", "--ranks", "2"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(lines(r.err).size(), 1u) << r.err;
  EXPECT_NE(r.err.find("--dir"), std::string::npos) << r.err;
}

TEST(MpiRun, NetFetchesTravelToTheRanksAndVerify) {
  SKIP_WITHOUT_MPI();
  const auto r = run_binary({"net", "--model", "mpi", "--ranks", "2", "--tasks", "6", "--latency", "20ms", "--size",
                             "4KiB", "--repeat", "1", "--warmup", "0"});
  EXPECT_EQ(r.exit_code, 0) << r.err << r.out;
  EXPECT_NE(row_of(r.out, "mpi").find("✓"), std::string::npos) << r.out;
}

TEST(MpiRun, NetOnMachinesThatCannotReachItsLoopbackServerIsRefused) {
  SKIP_WITHOUT_MPI();
  const ScratchDir dir;
  write_file(dir / "hosts", "127.0.0.2 slots=2\n");
  for (const char* server : {"", "127.0.0.1:8080", "localhost:8080"}) {
    std::vector<std::string> args{"net", "--model", "mpi", "--hosts", dir / "hosts", "--ranks", "2"};
    if (*server != '\0') args.insert(args.end(), {"--server", server});
    const auto r = run_binary(args);
    EXPECT_EQ(r.exit_code, 2) << server << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(lines(r.err).size(), 1u) << r.err;
    EXPECT_NE(r.err.find("serve --bind"), std::string::npos) << r.err;
  }
}

TEST(MpiSignals, ARankKilledMidRunIsAFailedRowAndLeavesNothing) {
  SKIP_WITHOUT_MPI();
  // One task: the sequential row that comes along first takes one delay, mpi's run another.
  Child tool({.args = {"sleep", "--model", "mpi", "--ranks", "2", "--tasks", "1", "--delay", "8s", "--repeat", "1",
                       "--warmup", "0", "--format", "csv"}});
  const auto ranks = wait_for_ranks(tool, 2);
  ASSERT_EQ(ranks.size(), 2u) << tool.err_so_far();
  const auto all = descendants(tool.pid());
  ASSERT_EQ(::kill(ranks.back().pid, SIGKILL), 0);
  const Result r = tool.wait();
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const std::string row = csv_row(r.out, "sleep", "mpi");
  EXPECT_NE(row.find(",false,"), std::string::npos) << row;
  EXPECT_NE(row.find("was killed by signal 9"), std::string::npos) << row;
  EXPECT_NE(csv_row(r.out, "sleep", "sequential").find(",true,"), std::string::npos) << r.out;
  EXPECT_TRUE(eventually(10, [&] { return survivors(all).empty(); })) << testing::PrintToString(survivors(all));
}

namespace {

// An interrupt as it comes: Ctrl-C and a closed terminal signal the whole process group, a
// `kill` the tool alone, whose handler must then stop what its measuring process started.
struct Interrupt {
  int signal;
  const char* name;
  bool to_group;
};

void PrintTo(const Interrupt& i, std::ostream* os) { *os << i.name; }

}  // namespace

class MpiInterrupt : public testing::TestWithParam<Interrupt> {};

TEST_P(MpiInterrupt, MidRunStopsEveryRankAndRemovesTheTempDir) {
  SKIP_WITHOUT_MPI();
  const Interrupt interrupt = GetParam();
  const ScratchDir tmp;
  Child tool({.args = {"io", "--model", "mpi", "--ranks", "2", "--tasks", "1", "--delay", "8s", "--size", "64KiB",
                       "--repeat", "1", "--warmup", "0"},
              .tmpdir = tmp.path()});
  ASSERT_EQ(wait_for_ranks(tool, 2).size(), 2u) << tool.err_so_far();
  const auto all = descendants(tool.pid());
  ASSERT_FALSE(tmp.entries().empty()) << "the files scenario's temp dir should exist mid-run";
  ::kill(interrupt.to_group ? -tool.pid() : tool.pid(), interrupt.signal);
  const auto r = tool.wait_for(30);
  ASSERT_TRUE(r.has_value()) << "still running 30 s after " << interrupt.name;
  EXPECT_EQ(r->exit_code, 128 + interrupt.signal) << r->err;
  EXPECT_NE(r->err.find(std::string("interrupted by ") + interrupt.name), std::string::npos) << r->err;
  EXPECT_TRUE(eventually(10, [&] { return survivors(all).empty(); })) << testing::PrintToString(survivors(all));
  EXPECT_EQ(tmp.entries(), std::vector<std::string>{});
}

INSTANTIATE_TEST_SUITE_P(CtrlCKillAndHangUp, MpiInterrupt,
                         testing::Values(Interrupt{.signal = SIGINT, .name = "SIGINT", .to_group = true},
                                         Interrupt{.signal = SIGTERM, .name = "SIGTERM", .to_group = false},
                                         Interrupt{.signal = SIGHUP, .name = "SIGHUP", .to_group = true}),
                         [](const testing::TestParamInfo<Interrupt>& i) { return std::string(i.param.name); });

TEST(MpiSignals, AKilledToolStopsEveryRank) {
  SKIP_WITHOUT_MPI();
  Child tool({.args = {"sleep", "--model", "mpi", "--ranks", "2", "--tasks", "1", "--delay", "12s", "--repeat", "1",
                       "--warmup", "0"}});
  ASSERT_EQ(wait_for_ranks(tool, 2).size(), 2u) << tool.err_so_far();
  const auto all = descendants(tool.pid());
  const auto killed = std::chrono::steady_clock::now();
  ::kill(tool.pid(), SIGKILL);  // the tool alone: no handler runs, its measuring process must notice
  (void)tool.wait();
  // Well before the ranks' own 12 s wait would have ended them.
  EXPECT_TRUE(eventually(6, [&] { return survivors(all).empty(); })) << testing::PrintToString(survivors(all));
  EXPECT_LT(std::chrono::steady_clock::now() - killed, 10s);
}

// Containers often forbid process_vm_readv, which Open MPI uses for large messages between ranks
// on one machine: the tool notices and turns it off, so the row verifies without a complaint.
TEST(MpiRun, AMachineThatForbidsReadingAnotherProcesssMemoryStillVerifies) {
  SKIP_WITHOUT_MPI();
  const std::vector<std::string> args{"factorial",   "--model", "mpi",      "--ranks", "2",        "--tasks", "2",
                                      "--factorial", "20000",   "--repeat", "1",       "--warmup", "0"};
  const Result r = run({.args = args, .memory_reads_errno = EPERM});
  EXPECT_EQ(r.exit_code, 0) << r.err << r.out;
  EXPECT_NE(row_of(r.out, "mpi").find("✓"), std::string::npos) << r.out;
  EXPECT_NE(remark_of(r.out, "mpi").find("forbids reading another process's memory"), std::string::npos) << r.out;
  // Forced back on by the user: Open MPI falls back after each refused read, and complains each
  // time; the row verifies and its note says what to set instead of showing Open MPI's words.
  const Result forced =
      run({.args = args, .env = {"OMPI_MCA_btl_vader_single_copy_mechanism=cma"}, .memory_reads_errno = EPERM});
  EXPECT_EQ(forced.exit_code, 0) << forced.err << forced.out;
  EXPECT_NE(remark_of(forced.out, "mpi").find("single_copy_mechanism=none"), std::string::npos) << forced.out;
  EXPECT_EQ(forced.err.find("Read -1"), std::string::npos) << forced.err;
}
