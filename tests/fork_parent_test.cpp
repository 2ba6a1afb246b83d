// The fork model's parent process against the real binary: the row's children are forked by a
// program of its own (models/support/fork_parent.hpp), and every way that process or one of its
// children can end early is a failed row that says what happened and leaves nothing running.
#include <gtest/gtest.h>

#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "child_process.hpp"
#include "models/support/fork_parent.hpp"
#include "models/support/task_frames.hpp"

using namespace concur::test;

namespace {

namespace fs = std::filesystem;

// Two tasks of 2 s: the sequential row that comes along takes 4 s, then the fork row runs.
const std::vector<std::string> kForkRow = {"sleep",    "--model", "fork",     "--tasks", "2",        "--delay", "2s",
                                           "--repeat", "1",       "--warmup", "0",       "--format", "csv"};

struct ForkRun {
  pid_t measured = 0;
  pid_t parent = 0;
  std::vector<pid_t> children;
};

// Waits until the tool's fork row runs: its measuring process, that process's only child (the
// parent program), and that one's `tasks` children.
ForkRun wait_for_fork_row(const Child& tool, std::size_t tasks) {
  ForkRun run;
  eventually(30, [&] {
    run.measured = measured_process_of(tool.pid());
    if (run.measured == 0) return false;
    const auto own = children_of(run.measured);
    if (own.size() != 1) return false;
    run.parent = own.front();
    run.children = children_of(run.parent);
    return run.children.size() == tasks;
  });
  return run;
}

// Kills the `victim` of a running fork row with SIGKILL; the row must fail saying `says`, and
// nothing of the run may be left behind.
void expect_failed_row_after_killing(const std::function<pid_t(const ForkRun&)>& victim, const std::string& says) {
  Child tool({.args = kForkRow});
  const ForkRun run = wait_for_fork_row(tool, 2);
  ASSERT_EQ(run.children.size(), 2u) << tool.err_so_far();
  ASSERT_EQ(::kill(victim(run), SIGKILL), 0);
  const Result r = tool.wait();
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const std::string row = csv_row(r.out, "sleep", "fork");
  EXPECT_FALSE(csv_verified(row)) << row;
  EXPECT_NE(row.find(says), std::string::npos) << row;
  EXPECT_TRUE(eventually(10, [&] { return processes_in_group(run.measured).empty(); }))
      << testing::PrintToString(processes_in_group(run.measured));
}

}  // namespace

TEST(ForkParent, StartedByHandItSaysSoInOneLineAndExitsWith2) {
  const fs::path program = fs::path(CONCUR_BINARY).parent_path() / concur::kForkParentProgram;
  Child parent({.args = {}, .binary = program.string()});
  const Result r = parent.wait();
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  ASSERT_EQ(lines(r.err).size(), 1u) << r.err;
  EXPECT_NE(r.err.find("concur-demo --model fork"), std::string::npos) << r.err;
}

// The parent program starts with every symbol bound and without an rseq area (fork_parent.cpp
// says why: page faults in every child); the rest of the environment, and tunables the user
// gave glibc, are passed on.
TEST(ForkParent, ItsEnvironmentBindsAtStartAndTurnsOffRseqAfterTheUsersTunables) {
  const char* const given[] = {"HOME=/home/someone", "LD_BIND_NOW=", "GLIBC_TUNABLES=glibc.malloc.arena_max=8",
                               "LANG=C.UTF-8", nullptr};
  EXPECT_EQ(concur::fork_parent_environment(given),
            (std::vector<std::string>{"HOME=/home/someone", "LANG=C.UTF-8", "LD_BIND_NOW=1",
                                      "GLIBC_TUNABLES=glibc.malloc.arena_max=8:glibc.pthread.rseq=0"}));
  const char* const bare[] = {"GLIBC_TUNABLES=", nullptr};
  EXPECT_EQ(concur::fork_parent_environment(bare),
            (std::vector<std::string>{"LD_BIND_NOW=1", "GLIBC_TUNABLES=glibc.pthread.rseq=0"}));
}

TEST(ForkRow, TheChildrenAreForkedByTheParentProgramNotByTheMeasuringProcess) {
  Child tool({.args = kForkRow});
  const ForkRun run = wait_for_fork_row(tool, 2);
  ASSERT_EQ(run.children.size(), 2u) << tool.err_so_far();
  EXPECT_EQ(fs::read_symlink("/proc/" + std::to_string(run.parent) + "/exe").filename(), concur::kForkParentProgram);
  const Result r = tool.wait();
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(csv_verified(csv_row(r.out, "sleep", "fork"))) << r.out;
}

TEST(ForkRow, AChildKilledMidRunIsAFailedRowNamingItsTaskAndLeavesNothing) {
  expect_failed_row_after_killing([](const ForkRun& run) { return run.children.back(); },
                                  "child for task 1 killed by SIGKILL");
}

TEST(ForkRow, ItsParentProcessKilledMidRunIsAFailedRowAndLeavesNothing) {
  expect_failed_row_after_killing([](const ForkRun& run) { return run.parent; },
                                  "the fork model's parent process killed by SIGKILL");
}

TEST(ForkRow, WithoutItsParentProgramTheRowSaysWhatIsMissingAndTheOthersRun) {
  // The binary alone, in a directory of its own: nothing beside it, no libexec above it.
  const ScratchDir dir;
  const std::string copy = dir / "concur-demo";
  fs::copy_file(CONCUR_BINARY, copy);
  const Result r = run({.args = {"sleep", "--model", "thread,fork", "--tasks", "2", "--delay", "10ms", "--repeat", "1",
                                 "--warmup", "0", "--format", "csv"},
                        .binary = copy});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_TRUE(csv_verified(csv_row(r.out, "sleep", "thread"))) << r.out;
  const std::string row = csv_row(r.out, "sleep", "fork");
  EXPECT_FALSE(csv_verified(row)) << row;
  EXPECT_NE(row.find("concur-demo-fork-parent is not installed beside concur-demo"), std::string::npos) << row;
}

TEST(TaskFrames, MessagesOfManyTasksComeBackWholeHoweverTheirFramesInterleave) {
  // Two messages longer than a frame, sent through one pipe in turns, then read in odd pieces.
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  std::vector<std::vector<std::byte>> sent(2);
  for (std::size_t t = 0; t < sent.size(); ++t)
    for (std::size_t i = 0; i < 10'000; ++i) sent[t].push_back(static_cast<std::byte>((i * (t + 3)) & 0xff));
  ASSERT_TRUE(concur::send_task_frames(fds[1], 1, sent[1]));
  ASSERT_TRUE(concur::send_task_frames(fds[1], 0, sent[0]));
  ::close(fds[1]);
  std::vector<std::vector<std::byte>> received(2);
  std::vector<std::byte> stream;
  std::byte piece[777];
  for (ssize_t n = 0; (n = ::read(fds[0], piece, sizeof piece)) > 0;) {
    stream.insert(stream.end(), piece, piece + n);
    concur::sort_task_frames(stream, received);
  }
  ::close(fds[0]);
  EXPECT_TRUE(stream.empty());
  EXPECT_EQ(received, sent);
}

TEST(TaskFrames, AFrameForATaskThatDoesNotExistIsGarbled) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  const std::vector<std::byte> message(10, std::byte{1});
  ASSERT_TRUE(concur::send_task_frames(fds[1], 5, message));
  ::close(fds[1]);
  std::vector<std::byte> stream(64);
  stream.resize(static_cast<std::size_t>(::read(fds[0], stream.data(), stream.size())));
  ::close(fds[0]);
  std::vector<std::vector<std::byte>> received(2);
  EXPECT_THROW(concur::sort_task_frames(stream, received), std::runtime_error);
}
