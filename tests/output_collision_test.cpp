// Outputs that would destroy what the tool reads, or each other, are refused before anything is
// measured: one line naming the options, exit 2, the files untouched. Against the real binary.
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "child_process.hpp"
#include "run_binary.hpp"

using namespace concur::test;

namespace {

std::vector<std::string> files_on(const std::string& dir, std::vector<std::string> more) {
  std::vector<std::string> args{"files", "--dir", dir, "--model", "sequential", "--repeat", "1", "--warmup", "0"};
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

std::vector<std::string> quick(std::vector<std::string> more) {
  std::vector<std::string> args{"sleep",      "--tasks",  "1", "--delay",  "1ms", "--model",
                                "sequential", "--repeat", "1", "--warmup", "0"};
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

// A refusal: exit 2, one line naming every fragment, nothing on stdout, quickly (nothing measured).
void expect_refused(const Launch& launch, const std::vector<std::string>& fragments) {
  const auto start = std::chrono::steady_clock::now();
  const Result r = run(launch);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(r.out, "");
  ASSERT_EQ(lines(r.err).size(), 1u) << r.err;
  for (const auto& f : fragments) EXPECT_NE(r.err.find(f), std::string::npos) << f << " not in: " << r.err;
  EXPECT_LT(seconds, 5.0) << "refused only after measuring";
}

class Inputs : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* name : {"f1", "f2"}) std::ofstream(input / name) << "the user's data " << name << '\n';
  }
  void expect_inputs_untouched() {
    EXPECT_EQ(input.entries(), (std::vector<std::string>{"f1", "f2"}));
    EXPECT_EQ(slurp(input / "f1"), "the user's data f1\n");
    EXPECT_EQ(slurp(input / "f2"), "the user's data f2\n");
  }
  ScratchDir input, elsewhere, tmp;
};

}  // namespace

TEST_F(Inputs, AnOutputOverAnInputFileIsRefused) {
  expect_refused({.args = files_on(input.path(), {"-o", input / "f1"}), .tmpdir = tmp.path()}, {"--output", "--dir"});
  expect_refused({.args = files_on(input.path(), {"--trace", input / "f2"}), .tmpdir = tmp.path()},
                 {"--trace", "--dir"});
  expect_inputs_untouched();
  EXPECT_EQ(tmp.entries(), std::vector<std::string>{});
}

TEST_F(Inputs, ANewFileInsideTheDirIsRefusedToo) {
  expect_refused({.args = files_on(input.path(), {"-o", input / "report.txt"})}, {"--output", "inside --dir"});
  ::mkdir((input / "sub").c_str(), 0755);
  expect_refused({.args = files_on(input.path(), {"--trace", input / "sub/trace.json"})}, {"--trace"});
  ::rmdir((input / "sub").c_str());
  expect_inputs_untouched();
}

TEST_F(Inputs, AnInputReachedThroughALinkOrAHardLinkIsRefused) {
  std::filesystem::create_symlink(input / "f1", elsewhere / "soft");
  ASSERT_EQ(::link((input / "f2").c_str(), (elsewhere / "hard").c_str()), 0);
  expect_refused({.args = files_on(input.path(), {"-o", elsewhere / "soft"})}, {"--output"});
  expect_refused({.args = files_on(input.path(), {"--trace", elsewhere / "hard"})}, {"--trace", "same file"});
  // The directory itself through a link: still the input.
  std::filesystem::create_directory_symlink(input.path(), elsewhere / "dirlink");
  expect_refused({.args = files_on(elsewhere / "dirlink", {"-o", input / "new.txt"})}, {"--output"});
  expect_inputs_untouched();
}

TEST(OutputCollisions, TwoOutputsNamingOneFileAreRefused) {
  const ScratchDir dir;
  std::ofstream(dir / "kept") << "kept\n";
  std::filesystem::create_symlink(dir / "kept", dir / "link");
  expect_refused({.args = quick({"--trace", dir / "same", "-o", dir / "same"})}, {"--trace", "--output"});
  expect_refused({.args = quick({"--trace", dir / "kept", "-o", dir / "link"})}, {"--trace", "--output"});
  expect_refused({.args = quick({"--trace", dir / "./same", "-o", dir / "same"})}, {"--trace"});
  expect_refused({.args = quick({"--trace", "-"})}, {"--trace", "standard output"});
  expect_refused({.args = {"sweep", "sleep", "--vary", "tasks=1,2", "--svg", dir / "chart", "--trace", dir / "chart"}},
                 {"--svg", "--trace"});
  EXPECT_EQ(slurp(dir / "kept"), "kept\n");
  EXPECT_EQ(dir.entries(), (std::vector<std::string>{"kept", "link"}));
}

TEST(OutputCollisions, TheToolsOwnExecutableIsNeverAnOutput) {
  // A copy, so that a build without the check replaces only the copy.
  const ScratchDir dir;
  const char* other = std::getenv("CONCUR_TEST_BINARY");
  const std::string copy = dir / "concur-demo";
  std::filesystem::copy_file(other != nullptr && *other != '\0' ? other : CONCUR_BINARY, copy);
  ::chmod(copy.c_str(), 0755);
  expect_refused({.args = quick({"-o", copy}), .binary = copy}, {"--output", "executable"});
  EXPECT_EQ(::access(copy.c_str(), X_OK), 0);
}
