// The mpi model: its hostfiles, the job and results its ranks exchange, and Open MPI's errors
// turned into one line, checked directly; then the real binary with a real mpirun: rows that
// verify, ranks capping concurrency, a localhost hostfile, a rank killed mid-run, SIGINT and a
// killed tool, a launch that hangs, a host that cannot be reached, a machine that forbids
// reading another process's memory, the limit check, and bad input. The conformance suite runs
// mpi on every scenario with 2 ranks besides (conformance_test.cpp).
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "child_process.hpp"
#include "core/usage_error.hpp"
#include "measure/limits.hpp"
#include "mpi/hostfile.hpp"
#include "mpi/job.hpp"
#include "mpi/launch.hpp"
#include "registry/registry.hpp"
#include "run_binary.hpp"

using namespace concur;
using namespace concur::test;
using namespace std::chrono_literals;

namespace {

// The MPI runs need Open MPI and the rank program; a sanitizer build leaves them out, as
// Open MPI's own libraries are not instrumented (LeakSanitizer would report what MPI_Finalize
// keeps, ThreadSanitizer cannot see its progress threads synchronise).
#define SKIP_WITHOUT_MPI()                                                                    \
  if (!std::string(CONCUR_SANITIZER).empty()) GTEST_SKIP() << "Open MPI is not instrumented"; \
  if (const std::string why = find_model("mpi")->unavailable(); !why.empty()) GTEST_SKIP() << why

void write_file(const std::string& path, const std::string& text, mode_t mode = 0644) {
  std::ofstream(path) << text;
  ::chmod(path.c_str(), mode);
}

struct Process {
  pid_t pid;
  std::string cmdline;
};

std::string cmdline_of(pid_t pid) {
  std::string text = slurp("/proc/" + std::to_string(pid) + "/cmdline");
  std::replace(text.begin(), text.end(), '\0', ' ');
  return text;
}

// Every process below `root` now, with its command line (a pid alone could be reused).
std::vector<Process> descendants(pid_t root) {
  std::vector<Process> found;
  std::vector<pid_t> pending = children_of(root);
  while (!pending.empty()) {
    const pid_t pid = pending.back();
    pending.pop_back();
    found.push_back({.pid = pid, .cmdline = cmdline_of(pid)});
    const auto more = children_of(pid);
    pending.insert(pending.end(), more.begin(), more.end());
  }
  return found;
}

std::vector<Process> matching(const std::vector<Process>& all, const std::string& word) {
  std::vector<Process> found;
  for (const auto& p : all)
    if (p.cmdline.find(word) != std::string::npos) found.push_back(p);
  return found;
}

// Those of `processes` still alive (a zombie has no command line and counts as gone once reaped).
std::vector<std::string> survivors(const std::vector<Process>& processes) {
  std::vector<std::string> left;
  for (const auto& p : processes)
    if (!p.cmdline.empty() && cmdline_of(p.pid) == p.cmdline) left.push_back(std::to_string(p.pid) + " " + p.cmdline);
  return left;
}

// The ranks of a running tool, once `count` of them are up (mpirun, whose arguments name the
// rank program too, is not one of them).
std::vector<Process> wait_for_ranks(const Child& tool, std::size_t count) {
  const std::string program = std::string("/") + kRankProgram + " ";
  std::vector<Process> ranks;
  eventually(60, [&] {
    ranks.clear();
    for (const auto& p : descendants(tool.pid()))
      if (p.cmdline.substr(0, p.cmdline.find(' ') + 1).find(program) != std::string::npos) ranks.push_back(p);
    return ranks.size() >= count;
  });
  return ranks;
}

// The table line of the row of `model` and its remark under the table, unwrapped.
std::string row_of(const std::string& table, const std::string& model) {
  for (const auto& line : lines(table))
    if (line.rfind(model + " ", 0) == 0) return line;
  return {};
}
std::string remark_of(const std::string& table, const std::string& model) {
  const auto all = lines(table);
  for (auto line = all.begin(); line != all.end(); ++line) {
    if (line->rfind("  " + model + ":", 0) != 0) continue;
    // The terminal wraps the remark under its label: its continuation lines are indented deeper.
    std::string remark = *line;
    for (auto more = line + 1; more != all.end() && more->rfind("   ", 0) == 0; ++more)
      remark += " " + more->substr(more->find_first_not_of(' '));
    return remark;
  }
  return {};
}

}  // namespace

// --- hostfiles ----------------------------------------------------------------------------

TEST(Hostfile, ReadsHostsSlotsAndComments) {
  const Hostfile h = parse_hostfile("h", "# the lab\n\nlocalhost slots=2   # this one\nnode7 slots=4 max_slots=8\n");
  ASSERT_EQ(h.hosts.size(), 2u);
  EXPECT_EQ(h.hosts[0].name, "localhost");
  EXPECT_TRUE(h.hosts[0].local);
  EXPECT_EQ(h.hosts[1].slots, 4u);
  EXPECT_EQ(h.hosts[1].max_slots, 8u);
  EXPECT_EQ(h.slots(2), 6u);
  EXPECT_TRUE(h.names_other_machines());
}

TEST(Hostfile, ThisMachineWithoutSlotsHasItsCoresAnotherUnknownSlots) {
  EXPECT_EQ(parse_hostfile("h", "localhost\n").slots(3), 3u);
  EXPECT_FALSE(parse_hostfile("h", "localhost\n").names_other_machines());
  EXPECT_EQ(parse_hostfile("h", "localhost\nnode7\n").slots(3), std::nullopt);
}

TEST(Hostfile, KnowsThisMachineAsMpirunDoes) {
  EXPECT_TRUE(is_this_machine("localhost"));
  EXPECT_TRUE(is_this_machine("127.0.0.1"));
  char name[256] = {};
  ASSERT_EQ(::gethostname(name, sizeof name - 1), 0);
  EXPECT_TRUE(is_this_machine(name));
  EXPECT_TRUE(is_this_machine(std::string("someone@") + name));
  // mpirun takes another loopback address for another host (and ssh's there): so does the tool.
  EXPECT_FALSE(is_this_machine("127.0.0.2"));
  EXPECT_FALSE(is_this_machine("node7.example.invalid"));
}

TEST(Hostfile, MalformedLinesAreOneLineNamingTheLine) {
  for (const auto& [text, expected] : std::vector<std::pair<std::string, std::string>>{
           {"localhost slots=two\n", "line 1: slots=two is not a count"},
           {"localhost\nnode1 cpus=4\n", "line 2: unknown 'cpus=4'"},
           {"localhost slots=0\n", "slots=0 is not a count"},
           {"localhost slots=1\nlocalhost slots=1\n", "line 2: localhost is given slots a second time"},
           {"node$1\n", "'node$1' is not a host name"},
           {"localhost slots=4 max_slots=2\n", "max_slots=2 is below slots=4"},
           {"# nothing\n\n", "it names no host"},
       }) {
    try {
      (void)parse_hostfile("hosts.txt", text);
      ADD_FAILURE() << "accepted: " << text;
    } catch (const UsageError& e) {
      const std::string what = e.what();
      EXPECT_NE(what.find("invalid --hosts 'hosts.txt'"), std::string::npos) << what;
      EXPECT_NE(what.find(expected), std::string::npos) << what;
      EXPECT_EQ(what.find('\n'), std::string::npos) << what;
    }
  }
}

// --- the job and the results --------------------------------------------------------------

TEST(MpiJob, EveryKindOfTaskCrossesIntact) {
  static const char* const kOne = "One";
  const std::vector<Work> work{SleepWork{.duration = 20ms, .before = kOne, .after = nullptr},
                               ReadFileWork{.path = "/some/file"}, FactorialWork{.k = 600}};
  const Job job = decode_job(encode_job(work, true));
  EXPECT_TRUE(job.record_cpu);
  ASSERT_EQ(job.work.size(), 3u);
  const auto& sleep = std::get<SleepWork>(job.work[0]);
  EXPECT_EQ(sleep.duration, 20ms);
  ASSERT_NE(sleep.before, nullptr);
  EXPECT_STREQ(sleep.before, "One");
  EXPECT_EQ(sleep.after, nullptr);
  EXPECT_EQ(std::get<ReadFileWork>(job.work[1]).path, "/some/file");
  EXPECT_EQ(std::get<FactorialWork>(job.work[2]).k, 600u);
}

TEST(MpiJob, AGarbledOrTruncatedJobIsRefused) {
  auto bytes = encode_job(std::vector<Work>{FactorialWork{.k = 5}}, false);
  auto truncated = bytes;
  truncated.resize(truncated.size() - 2);
  EXPECT_THROW((void)decode_job(truncated), std::runtime_error);
  std::reverse(bytes.begin() + 4, bytes.begin() + 8);  // the byte-order word as a host of the other order reads it
  EXPECT_THROW((void)decode_job(bytes), std::runtime_error);
}

TEST(MpiJob, TheStaticSplitGivesEveryRankAnEqualShare) {
  EXPECT_EQ(share_of(0, 2, 5), (std::vector<std::size_t>{0, 2, 4}));
  EXPECT_EQ(share_of(1, 2, 5), (std::vector<std::size_t>{1, 3}));
  EXPECT_EQ(share_of(3, 4, 2), std::vector<std::size_t>{});
  std::vector<int> owners(20, 0);
  for (unsigned r = 0; r < 3; ++r)
    for (const auto i : share_of(r, 3, 20)) ++owners[i];
  EXPECT_EQ(std::count(owners.begin(), owners.end(), 1), 20);
}

TEST(MpiJob, ResultsGatheredFromEveryRankCrossIntact) {
  RankReport zero{.host = "a", .pid = 10, .results = {}};
  zero.results.push_back(TaskResult{.index = 0,
                                    .error = {},
                                    .record = {.start_ns = 5, .end_ns = 9, .pid = 10, .tid = 10, .end_tid = 10},
                                    .outcome = {.value = 64, .digest = 7, .payload = {1, 2, 3}, .crc32 = false}});
  RankReport one{.host = "b", .pid = 11, .results = {}};
  one.results.push_back(TaskResult{.index = 1, .error = "cannot open /x", .record = {}, .outcome = {}});
  const std::vector<std::vector<std::byte>> encoded{encode_rank_report(zero), encode_rank_report(one)};
  const RunReport run = decode_run_report(encode_run_report(12, encoded[1].size(), encoded));
  EXPECT_EQ(run.job_bytes_sent, 12u);
  EXPECT_EQ(run.result_bytes_gathered, encoded[1].size());
  ASSERT_EQ(run.ranks.size(), 2u);
  EXPECT_EQ(run.ranks[0].host, "a");
  EXPECT_EQ(run.ranks[0].results[0].outcome.payload, (std::vector<std::uint64_t>{1, 2, 3}));
  EXPECT_EQ(run.ranks[0].results[0].record.end_ns, 9);
  EXPECT_EQ(run.ranks[1].results[0].error, "cannot open /x");
}

// --- Open MPI's words, as a row says them -------------------------------------------------

TEST(MpirunFailure, TheRankProgramsOwnLineComesFirst) {
  EXPECT_EQ(mpirun_failure("----------\nMPI_ABORT was invoked on rank 0\n"
                           "concur-demo-mpi-rank: rank 0 on vm: cannot reach the measuring process\n"),
            "rank 0 on vm: cannot reach the measuring process");
}

TEST(MpirunFailure, OpenMpisMessagesBecomeOneLine) {
  EXPECT_EQ(mpirun_failure("-----\nPrimary job  terminated normally, but 1 process returned\n-----\n"
                           "mpirun noticed that process rank 1 with PID 0 on node vm exited on signal 9 (Killed).\n"),
            "rank 1 on vm was killed by signal 9 (Killed)");
  EXPECT_NE(mpirun_failure("----\nThere are not enough slots available in the system to satisfy the 3\n"
                           "slots that were requested by the application:\n\n  ./t\n")
                .find("fewer slots than the 3 ranks"),
            std::string::npos);
  EXPECT_EQ(mpirun_failure("ssh: connect to host 127.0.0.2 port 22: Connection refused\n------\n"
                           "ORTE was unable to reliably start one or more daemons.\n"),
            "Open MPI could not start its daemon on another host: ssh: connect to host 127.0.0.2 port 22: "
            "Connection refused");
  EXPECT_NE(mpirun_failure("[vm:123] Read -1, expected 65536, errno = 1\n").find("single_copy_mechanism=none"),
            std::string::npos);
}

// --- the limit check ----------------------------------------------------------------------

TEST(MpiLimits, EveryRankCountsAsAProcess) {
  MachineLimits room;
  room.tasks = {100, "a test limit"};
  const ModelInfo& mpi = *find_model("mpi");
  EXPECT_EQ(model_limit_problem("sleep", mpi, 200, 2, room), "");  // tasks do not matter, ranks do
  const std::string why = model_limit_problem("sleep", mpi, 2, 40, room);
  EXPECT_NE(why.find("the mpi model"), std::string::npos) << why;
  // 40 ranks and mpirun, their threads, and the measuring process.
  EXPECT_NE(why.find(fmt::format("{} threads and processes", 40 * 3 + 4 + 1)), std::string::npos) << why;
  EXPECT_NE(why.find("lower --ranks"), std::string::npos) << why;
}

TEST(MpiLimits, TheCheckBeforeARunCountsTheRanksAsked) {
  SKIP_WITHOUT_MPI();
  if (!running_as_root()) GTEST_SKIP() << "needs root to run the tool as a user of its own";
  // Root is exempt from RLIMIT_NPROC: run as a user of its own, from a copy of both programs
  // that this user may execute (the rank program is found beside the binary).
  const ScratchDir bin(0755);
  for (const std::string program : {std::string("concur-demo"), std::string(kRankProgram)}) {
    const auto from = std::filesystem::path(CONCUR_BINARY).parent_path() / program;
    std::filesystem::copy_file(from, bin / program);
    ::chmod((bin / program).c_str(), 0755);
  }
  const ScratchDir tmp(0777);
  const Result r = run({.args = {"sleep", "--model", "mpi", "--ranks", "30", "--tasks", "2", "--delay", "1ms"},
                        .tmpdir = tmp.path(),
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

TEST(MpiRun, AHostThatCannotBeReachedIsAFailedRowNamingIt) {
  SKIP_WITHOUT_MPI();
  const ScratchDir dir;
  // Another host for mpirun (it is not an address of this machine's interfaces), and nothing
  // there answers ssh: the daemon cannot start. No packet leaves this machine.
  write_file(dir / "hosts", "127.0.0.2 slots=2\n");
  const auto r = run_binary({"sleep", "--model", "mpi", "--hosts", dir / "hosts", "--ranks", "2", "--tasks", "2",
                             "--delay", "1ms", "--repeat", "1", "--warmup", "0"});
  EXPECT_EQ(r.exit_code, 1) << r.err << r.out;
  EXPECT_NE(row_of(r.out, "mpi").find("✗"), std::string::npos) << r.out;
  const std::string remark = remark_of(r.out, "mpi");
  EXPECT_NE(remark.find("could not start its daemon on another host"), std::string::npos) << remark;
}

TEST(MpiRun, ALaunchThatHangsIsAFailedRowAtTheLimitAndLeavesNothing) {
  SKIP_WITHOUT_MPI();
  const ScratchDir dir;
  write_file(dir / "hosts", "127.0.0.2 slots=2\n");
  // An "ssh" that never connects nor fails, as a host that drops every packet would.
  write_file(dir / "hang-ssh", "#!/bin/sh\nexec sleep 300\n", 0755);
  Child tool({.args = {"sleep", "--model", "mpi", "--hosts", dir / "hosts", "--ranks", "2", "--tasks", "2", "--delay",
                       "1ms", "--repeat", "1", "--warmup", "0", "--launch-timeout", "2s"},
              .env = {"OMPI_MCA_plm_rsh_agent=" + (dir / "hang-ssh")}});
  std::vector<Process> agents;
  ASSERT_TRUE(eventually(60, [&] { return !(agents = matching(descendants(tool.pid()), "sleep 300")).empty(); }))
      << tool.err_so_far();
  const auto all = descendants(tool.pid());
  const auto r = tool.wait_for(60);
  ASSERT_TRUE(r.has_value()) << "still running a minute after a 2 s launch limit";
  EXPECT_EQ(r->exit_code, 1) << r->err << r->out;
  EXPECT_NE(remark_of(r->out, "mpi").find("the launch did not complete within 2.00 s"), std::string::npos) << r->out;
  EXPECT_TRUE(eventually(10, [&] { return survivors(all).empty(); })) << testing::PrintToString(survivors(all));
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

TEST(MpiSignals, CtrlCMidRunStopsEveryRankAndRemovesTheTempDir) {
  SKIP_WITHOUT_MPI();
  const ScratchDir tmp;
  Child tool({.args = {"io", "--model", "mpi", "--ranks", "2", "--tasks", "1", "--delay", "8s", "--size", "64KiB",
                       "--repeat", "1", "--warmup", "0"},
              .tmpdir = tmp.path()});
  ASSERT_EQ(wait_for_ranks(tool, 2).size(), 2u) << tool.err_so_far();
  const auto all = descendants(tool.pid());
  ASSERT_FALSE(tmp.entries().empty()) << "the files scenario's temp dir should exist mid-run";
  ::kill(-tool.pid(), SIGINT);
  const auto r = tool.wait_for(30);
  ASSERT_TRUE(r.has_value()) << "still running 30 s after SIGINT";
  EXPECT_EQ(r->exit_code, 130) << r->err;
  EXPECT_NE(r->err.find("interrupted by SIGINT"), std::string::npos) << r->err;
  EXPECT_TRUE(eventually(10, [&] { return survivors(all).empty(); })) << testing::PrintToString(survivors(all));
  EXPECT_EQ(tmp.entries(), std::vector<std::string>{});
}

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

// --- bad input ----------------------------------------------------------------------------

TEST(MpiBadInput, IsOneLineAndExitTwoBeforeAnythingRuns) {
  const ScratchDir dir;
  write_file(dir / "two", "localhost slots=2\n");
  write_file(dir / "bad", "localhost slots=lots\n");
  write_file(dir / "unreadable", "localhost\n", 0);
  for (const std::vector<std::string>& extra : {std::vector<std::string>{"--ranks", "0"},
                                                {"--ranks", "-2"},
                                                {"--hosts", dir / "missing"},
                                                {"--hosts", dir.path()},
                                                {"--hosts", dir / "bad"},
                                                {"--hosts", ""},
                                                {"--hosts", dir / "two", "--ranks", "3"},
                                                {"--launch-timeout", "0s"}}) {
    std::vector<std::string> args{"sleep", "--model", "mpi", "--tasks", "2", "--delay", "1ms"};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto r = run_binary(args);
    EXPECT_EQ(r.exit_code, 2) << testing::PrintToString(extra) << r.err;
    EXPECT_EQ(r.out, "") << testing::PrintToString(extra);
    EXPECT_EQ(lines(r.err).size(), 1u) << r.err;
  }
  if (!running_as_root()) {  // root reads any file
    const auto r = run_binary({"sleep", "--model", "mpi", "--hosts", dir / "unreadable"});
    EXPECT_EQ(r.exit_code, 2) << r.err;
  }
}
