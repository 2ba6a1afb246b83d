// The smaller promises, against the real binary: colour follows no-color.org and CLICOLOR_FORCE,
// a count below its range says how low it may go, a --dir refusal counts the files it cannot
// read, extra arguments are listed in the order they were typed, and a count of one is singular.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "child_process.hpp"
#include "run_binary.hpp"

using namespace concur::test;

namespace {

std::vector<std::string> quick() {
  return {"sleep", "--tasks", "1", "--delay", "1ms", "--model", "sequential", "--repeat", "1", "--warmup", "0"};
}

bool coloured(const Result& r) { return r.out.find("\x1b[") != std::string::npos; }

}  // namespace

TEST(Colour, FollowsNoColorAndClicolorForce) {
  // Standard output is a file here: without CLICOLOR_FORCE there is no colour to begin with.
  EXPECT_FALSE(coloured(run({.args = quick()})));
  EXPECT_TRUE(coloured(run({.args = quick(), .env = {"CLICOLOR_FORCE=1"}})));
  // An empty NO_COLOR means nothing (no-color.org); a non-empty one wins over CLICOLOR_FORCE.
  EXPECT_TRUE(coloured(run({.args = quick(), .env = {"CLICOLOR_FORCE=1", "NO_COLOR="}})));
  EXPECT_FALSE(coloured(run({.args = quick(), .env = {"CLICOLOR_FORCE=1", "NO_COLOR=1"}})));
  EXPECT_FALSE(coloured(run({.args = quick(), .env = {"CLICOLOR_FORCE=0"}})));
  // Never into a file, nor in a format meant for programs.
  const ScratchDir dir;
  EXPECT_EQ(run({.args =
                     [] {
                       auto a = quick();
                       a.insert(a.end(), {"--format", "csv"});
                       return a;
                     }(),
                 .env = {"CLICOLOR_FORCE=1"}})
                .out.find("\x1b["),
            std::string::npos);
  auto to_file = quick();
  to_file.insert(to_file.end(), {"-o", dir / "report.txt"});
  EXPECT_EQ(run({.args = to_file, .env = {"CLICOLOR_FORCE=1"}}).exit_code, 0);
  EXPECT_EQ(slurp(dir / "report.txt").find("\x1b["), std::string::npos);
}

TEST(Messages, ACountFarBelowItsRangeSaysHowLowItMayGo) {
  for (const char* value : {"-18446744073709551615", "-1", "0"}) {
    const Result r = run({.args = {"sleep", "--tasks", value}});
    EXPECT_EQ(r.exit_code, 2) << value;
    EXPECT_NE(r.err.find("must be at least 1"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("too large"), std::string::npos) << r.err;
  }
}

TEST(Messages, ADirRefusalCountsTheFilesYouCannotRead) {
  const ScratchDir dir(0755);
  for (const char* name : {"a", "b", "c"}) std::ofstream(dir / name) << name << '\n';
  ::chmod((dir / "c").c_str(), 0);
  const Result r = run({.args = {"files", "--dir", dir.path(), "--tasks", "3", "--model", "sequential"},
                        .unprivileged = running_as_root()});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("holds only 2 regular files you can read (1 more is not readable by you)"), std::string::npos)
      << r.err;
}

TEST(Messages, UnexpectedArgumentsAreListedInTheOrderTyped) {
  // Before the options, and after "--" (after an option they would be taken as its values).
  const Result r = run({.args = {"sleep", "first", "second", "third", "--tasks", "1"}});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("first second third"), std::string::npos) << r.err;
  auto args = quick();
  args.insert(args.end(), {"--", "a", "b"});
  const Result dashes = run({.args = args});
  EXPECT_EQ(dashes.exit_code, 2);
  EXPECT_NE(dashes.err.find("a b"), std::string::npos) << dashes.err;
  const Result count = run({.args = {"count", "5", "6", "--delay", "1ms"}});
  EXPECT_EQ(count.exit_code, 2);
  EXPECT_NE(count.err.find("5 6"), std::string::npos) << count.err;
}

TEST(Counts, OneThreadIsSingularAndTwoArePlural) {
  for (const auto& [workers, expected] :
       {std::pair{"1", "a pool of 1 thread;"}, std::pair{"2", "a pool of 2 threads;"}}) {
    const auto r = run({.args = {"factorial", "--factorial", "500", "--tasks", "2", "--model", "async-offload",
                                 "--workers", workers, "--repeat", "1", "--warmup", "0"}});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find(expected), std::string::npos) << r.out;
  }
}
