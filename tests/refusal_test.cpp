// A run that cannot work on this machine is refused before anything costly, with one line and
// exit 2; one that can is never crashed by a limit. Stack, descriptors and the order of the
// check, against the real binary.
#include <gtest/gtest.h>

#include <sys/resource.h>

#include <chrono>
#include <string>
#include <vector>

#include "child_process.hpp"

using namespace concur::test;

namespace {

std::vector<std::string> quick(const char* models) {
  return {"sleep", "--tasks", "2", "--delay", "1ms", "--model", models, "--repeat", "1", "--warmup", "0"};
}

// Every row of a CSV report verified.
void expect_all_verified(const std::string& csv) {
  const auto rows = lines(csv);
  ASSERT_GT(rows.size(), 1u) << csv;
  for (std::size_t i = 1; i < rows.size(); ++i) EXPECT_TRUE(csv_verified(rows[i])) << rows[i];
}

void expect_refused(const Result& r, const std::string& naming) {
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(r.out, "");
  ASSERT_EQ(lines(r.err).size(), 1u) << r.err;
  EXPECT_NE(r.err.find(naming), std::string::npos) << r.err;
}

}  // namespace

TEST(Refusals, A64KiBStackRunsEveryModelOfTheTool) {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  // A sanitizer's frames are several times the release build's: under ASan a forked net client
  // overflows 64 KiB. What fits in a small stack is the release build's promise, tested there.
  GTEST_SKIP() << "stack limits are the release build's";
#endif
  const ScratchDir tmp;
  const Result r = run({.args = {"all", "--model", "all", "--tasks", "3", "--size", "4KiB", "--delay", "1ms",
                                 "--factorial", "2000", "--repeat", "1", "--warmup", "0", "--format", "csv"},
                        .tmpdir = tmp.path(),
                        .limits = {{RLIMIT_STACK, 64 * 1024}}});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  expect_all_verified(r.out);
  EXPECT_EQ(tmp.entries(), std::vector<std::string>{});
}

TEST(Refusals, AStackTooSmallForAModelIsRefusedNotCrashed) {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  // A sanitizer's shadow frames need several times the stack the release build needs: 32 KiB
  // runs out in the command-line parser before the check is reached. The refusal is the release
  // build's behaviour, tested there.
  GTEST_SKIP() << "stack limits are the release build's";
#endif
  const ScratchDir tmp;
  const Result r = run({.args = quick("sequential"), .tmpdir = tmp.path(), .limits = {{RLIMIT_STACK, 32 * 1024}}});
  expect_refused(r, "RLIMIT_STACK");
  // The Python rows need more than the tool's own code.
  const Result py = run({.args = quick("py-sequential"), .limits = {{RLIMIT_STACK, 128 * 1024}}});
  if (py.err.find("python3 is not on the PATH") == std::string::npos) expect_refused(py, "RLIMIT_STACK");
  EXPECT_EQ(tmp.entries(), std::vector<std::string>{});
}

TEST(Refusals, TheLimitCheckComesBeforeAnyExpensivePreparation) {
  // The reference 200,000! alone takes seconds; 1,000,000! minutes. Neither may delay the refusal.
  for (const char* k : {"200000", "1000000"}) {
    const auto start = std::chrono::steady_clock::now();
    Child tool({.args = {"factorial", "--tasks", "1000000", "--factorial", k, "--model", "fork"}});
    const auto r = tool.wait_for(10);
    ASSERT_TRUE(r.has_value()) << "no refusal after 10 s (k = " << k << ")";
    expect_refused(*r, "fork");
    EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 5.0);
  }
  // Nor may generating files: 100,000 files of 64 MiB would fill any disk before a refusal.
  const ScratchDir tmp(01777);  // reachable by the unprivileged user
  Child files({.args = {"files", "--tasks", "100000", "--size", "1KiB", "--model", "thread"},
               .tmpdir = tmp.path(),
               .unprivileged = running_as_root(),
               .max_user_tasks = 200});
  const auto r = files.wait_for(10);
  ASSERT_TRUE(r.has_value()) << "no refusal after 10 s";
  expect_refused(*r, "thread");
  EXPECT_EQ(tmp.entries(), std::vector<std::string>{});
}

TEST(Refusals, DescriptorsEachModelHoldsArePartOfTheCheck) {
  const ScratchDir tmp;
  // 20 descriptors: 30 files open at once cannot work under async, nor under thread.
  const Result all = run({.args = {"files", "--model", "all", "--tasks", "30", "--size", "4KiB"},
                          .tmpdir = tmp.path(),
                          .limits = {{RLIMIT_NOFILE, 20}}});
  expect_refused(all, "RLIMIT_NOFILE");
  const Result async = run({.args = {"files", "--model", "async", "--tasks", "30", "--size", "4KiB"},
                            .tmpdir = tmp.path(),
                            .limits = {{RLIMIT_NOFILE, 20}}});
  expect_refused(async, "RLIMIT_NOFILE");
  // What fits is measured, every row verified: sequential holds one file, fork one per child.
  const Result fits = run({.args = {"files", "--model", "sequential,fork,pool", "--workers", "2", "--tasks", "30",
                                    "--size", "4KiB", "--repeat", "1", "--warmup", "0", "--format", "csv"},
                           .tmpdir = tmp.path(),
                           .limits = {{RLIMIT_NOFILE, 20}}});
  EXPECT_EQ(fits.exit_code, 0) << fits.err;
  expect_all_verified(fits.out);
  EXPECT_EQ(tmp.entries(), std::vector<std::string>{});
}
