// The mpi model's parts, checked directly: its hostfiles, the job and results its ranks
// exchange, Open MPI's errors turned into one line, the limit check counting ranks, and bad
// input refused before anything runs. The real runs are in mpi_run_test.cpp; the conformance
// suite runs mpi on every scenario with 2 ranks besides (conformance_test.cpp).
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "core/usage_error.hpp"
#include "measure/limits.hpp"
#include "mpi/hostfile.hpp"
#include "mpi/job.hpp"
#include "mpi/launch.hpp"
#include "mpi_support.hpp"
#include "registry/registry.hpp"

using namespace concur;
using namespace concur::test;
using namespace std::chrono_literals;

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

TEST(MpiJob, FetchTasksCrossWithTheirServerSentOnce) {
  net::FetchTarget target = net::resolve_target("127.0.0.1", 8080, 4096, 100ms, "--server");
  target.authority = "teacher-host:8080";
  target.io_timeout = 3s;
  const std::vector<Work> work{FetchWork{.target = &target, .item = 0}, FetchWork{.target = &target, .item = 7}};
  const auto one = encode_job(std::vector<Work>{work[0]}, false);
  const auto both = encode_job(work, false);
  EXPECT_LT(both.size() - one.size(), 16u) << "the shared server travels once, not with every task";
  const Job job = decode_job(both);
  ASSERT_EQ(job.work.size(), 2u);
  ASSERT_EQ(job.targets.size(), 1u);
  const auto& first = std::get<FetchWork>(job.work[0]);
  const auto& second = std::get<FetchWork>(job.work[1]);
  EXPECT_EQ(second.item, 7u);
  ASSERT_EQ(first.target, second.target);
  EXPECT_EQ(first.target->ip, "127.0.0.1");
  EXPECT_EQ(first.target->port, 8080);
  EXPECT_EQ(first.target->authority, "teacher-host:8080");
  EXPECT_EQ(first.target->size, 4096u);
  EXPECT_EQ(first.target->latency, 100ms);
  EXPECT_EQ(first.target->io_timeout, 3s);
  EXPECT_EQ(first.target->path(7), target.path(7));
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
  RankReport zero{.host = "a", .pid = 10, .work_cpu_ns = 1'234'567'890'123, .results = {}};
  zero.results.push_back(
      TaskResult{.index = 0,
                 .error = {},
                 .record = {.start_ns = 5, .end_ns = 9, .pid = 10, .tid = 10, .end_tid = 10},
                 .outcome = {.value = 64, .digest = 7, .payload = keep_payload({1, 2, 3}), .crc32 = false}});
  RankReport one{.host = "b", .pid = 11, .work_cpu_ns = 0, .results = {}};
  one.results.push_back(TaskResult{.index = 1, .error = "cannot open /x", .record = {}, .outcome = {}});
  const std::vector<std::vector<std::byte>> encoded{encode_rank_report(zero), encode_rank_report(one)};
  const RunReport run = decode_run_report(encode_run_report(12, encoded[1].size(), encoded));
  EXPECT_EQ(run.job_bytes_sent, 12u);
  EXPECT_EQ(run.result_bytes_gathered, encoded[1].size());
  ASSERT_EQ(run.ranks.size(), 2u);
  EXPECT_EQ(run.ranks[0].host, "a");
  const auto payload = run.ranks[0].results[0].outcome.payload;
  EXPECT_EQ(std::vector<std::uint64_t>(payload.begin(), payload.end()), (std::vector<std::uint64_t>{1, 2, 3}));
  EXPECT_EQ(run.ranks[0].results[0].record.end_ns, 9);
  EXPECT_EQ(run.ranks[1].results[0].error, "cannot open /x");
  EXPECT_EQ(run.ranks[0].work_cpu_ns, 1'234'567'890'123);
  EXPECT_EQ(run.ranks[1].work_cpu_ns, 0);
}

TEST(MpiJob, TheWorkCpuCountedIsThatOfTheRanksOnThisMachine) {
  RunReport run;
  for (const auto& [host, cpu_ns] : std::vector<std::pair<std::string, std::int64_t>>{
           {"localhost", 300}, {"node7.example.invalid", 50'000}, {"127.0.0.1", 20}})
    run.ranks.push_back(RankReport{.host = host, .pid = 1, .work_cpu_ns = cpu_ns, .results = {}});
  // The other machine's ranks are not in this machine's resource usage: left out, not subtracted.
  EXPECT_EQ(work_cpu_here(run), 320ns);
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

TEST(MpirunFailure, ARankKilledButFiledAsANonZeroExitIsStillNamedKilled) {
  // Open MPI 4 files a rank killed at the wrong moment as one that returned 128 + the signal;
  // when another rank exits first, that one is named with its own status.
  const std::string primary =
      "-----\nPrimary job  terminated normally, but 1 process returned\n"
      "a non-zero exit code. Per user-direction, the job has been aborted.\n-----\n";
  const std::string first =
      "-----\nmpirun detected that one or more processes exited with non-zero status, thus "
      "causing\nthe job to be terminated. The first process to do so was:\n\n"
      "  Process name: [[26097,1],1]\n  Exit code:    ";
  EXPECT_EQ(mpirun_failure(primary + first + "137\n-----\n"), "rank 1 was killed by signal 9 (Killed)");
  EXPECT_EQ(mpirun_failure(primary + first + "1\n-----\n"), "rank 1 exited with status 1");
  // No box naming the rank: mpirun's own exit status is the first failed rank's.
  EXPECT_EQ(mpirun_failure(primary, 137 << 8), "a rank was killed by signal 9 (Killed)");
  EXPECT_EQ(mpirun_failure(primary, 3 << 8), "a rank exited with status 3");
  EXPECT_EQ(mpirun_failure(primary), "Primary job  terminated normally, but 1 process returned");
}

TEST(MpirunFailure, TheWordsThatEndAJobAreKnown) {
  EXPECT_TRUE(
      mpirun_said_job_ended("mpirun noticed that process rank 1 with PID 0 on node vm exited on signal 9 (Killed).\n"));
  EXPECT_TRUE(mpirun_said_job_ended("Primary job  terminated normally, but 1 process returned\n"));
  EXPECT_TRUE(mpirun_said_job_ended("MPI_ABORT was invoked on rank 0 in communicator MPI_COMM_WORLD\n"));
  EXPECT_FALSE(mpirun_said_job_ended(""));
  EXPECT_FALSE(mpirun_said_job_ended("[vm:123] Read -1, expected 65536, errno = 1\n"));
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
