// The live view's window on a measured run: what a forked child writes into the shared records,
// the tool reads, without a pipe or a copy in between.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <vector>

#include "measure/shared_records.hpp"

using namespace concur;

TEST(SharedRecords, WhatTheForkedChildWritesTheToolSees) {
  const SharedRecords shared(3, true);
  EXPECT_TRUE(shared.cpu_times());
  EXPECT_FALSE(shared.origin().has_value()) << "no time zero before the child publishes one";
  const auto before = std::chrono::steady_clock::now();
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    shared.publish_origin(std::chrono::steady_clock::now());
    shared.records()[1].pid = 42;
    shared.records()[1].end_tid = 7;
    ::_exit(0);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  std::vector<TaskRecord> seen;
  shared.snapshot(seen);
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[0].pid, 0) << "a task that has not started is all zeros";
  EXPECT_EQ(seen[1].pid, 42);
  EXPECT_EQ(seen[1].end_tid, 7);
  EXPECT_EQ(shared.process(), child);
  ASSERT_TRUE(shared.origin().has_value());
  EXPECT_GE(*shared.origin(), before);
}
