// A run always ends: the async model reads any number of files (Asio 1.81's io_uring loop hung
// past about 300 reads in flight), and a model that stops making progress becomes a failed row
// after the watchdog's limit instead of a tool that never returns. Against the real binary.
#include <gtest/gtest.h>

#include <signal.h>

#include <algorithm>
#include <fstream>
#include <string>
#include <vector>

#include "child_process.hpp"

using namespace concur::test;

TEST(Progress, AsyncReadsThousandsOfGeneratedFiles) {
  const ScratchDir tmp;
  for (const char* cache : {"cold", "warm"}) {
    Child tool({.args = {"files", "--tasks", "2000", "--size", "4KiB", "--cache", cache, "--model", "async", "--repeat",
                         "1", "--warmup", "0", "--format", "csv"},
                .tmpdir = tmp.path()});
    const auto r = tool.wait_for(180);
    ASSERT_TRUE(r.has_value()) << "async still reading 2,000 files after 3 minutes (" << cache << ")";
    EXPECT_EQ(r->exit_code, 0) << r->err;
    EXPECT_TRUE(csv_verified(csv_row(r->out, "files", "async"))) << r->out;
  }
  EXPECT_EQ(tmp.entries(), std::vector<std::string>{});
}

TEST(Progress, AsyncReadsADirOfThousandsOfFiles) {
  const ScratchDir dir;
  for (int i = 0; i < 3000; ++i) std::ofstream(dir / std::to_string(i)) << "file number " << i << '\n';
  Child tool({.args = {"files", "--dir", dir.path(), "--model", "async,async-offload", "--repeat", "1", "--warmup", "0",
                       "--format", "csv"}});
  const auto r = tool.wait_for(180);
  ASSERT_TRUE(r.has_value()) << "async still reading 3,000 files after 3 minutes";
  EXPECT_EQ(r->exit_code, 0) << r->err;
  for (const char* model : {"async", "async-offload"})
    EXPECT_TRUE(csv_verified(csv_row(r->out, "files", model))) << model << ": " << r->out;
}

TEST(Progress, AStuckRunBecomesAFailedRowAfterTheWatchdogsLimit) {
  const ScratchDir tmp;
  // One task of 300 ms: the watchdog allows 10 s + 5 ms + 20 x 300 ms = 16 s.
  Child tool({.args = {"sleep", "--tasks", "1", "--delay", "300ms", "--model", "sequential,thread", "--repeat", "1",
                       "--warmup", "0", "--format", "csv"},
              .tmpdir = tmp.path()});
  pid_t measured = 0;
  ASSERT_TRUE(eventually(30, [&] { return (measured = measured_process_of(tool.pid())) != 0; })) << tool.err_so_far();
  ::kill(measured, SIGSTOP);  // it will never make progress again
  const auto r = tool.wait_for(60);
  ASSERT_TRUE(r.has_value()) << "the tool waited for a stopped run for a minute";
  EXPECT_EQ(r->exit_code, 1) << r->err;
  const std::string stuck = csv_row(r->out, "sleep", "sequential");
  EXPECT_NE(stuck.find("stopped by the watchdog"), std::string::npos) << r->out;
  EXPECT_FALSE(csv_verified(stuck)) << stuck;
  EXPECT_TRUE(csv_verified(csv_row(r->out, "sleep", "thread"))) << r->out;
  EXPECT_EQ(processes_in_group(measured), std::vector<pid_t>{}) << "the stopped run was left behind";
  EXPECT_EQ(tmp.entries(), std::vector<std::string>{});
}
