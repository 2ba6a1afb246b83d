// The real binary, as a user runs it: exit codes, stdout and stderr.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "registry.hpp"
#include "run_binary.hpp"

namespace {

using Result = concur_test::BinaryResult;
using concur_test::slurp;

Result run(std::vector<std::string> args) { return concur_test::run_binary(args); }

// Fast parameters so CLI tests measure behaviour, not patience.
std::vector<std::string> quick(std::vector<std::string> args) {
  for (const char* a : {"--repeat", "1", "--warmup", "0"}) args.emplace_back(a);
  return args;
}

}  // namespace

struct BadInput {
  std::vector<std::string> args;
  std::string expected_in_message;
};

class CliBadInput : public testing::TestWithParam<BadInput> {};

TEST_P(CliBadInput, OneLineOnStderrExitTwoNothingOnStdout) {
  const auto& p = GetParam();
  const Result r = run(p.args);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(r.out, "");
  ASSERT_FALSE(r.err.empty());
  EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "more than one line: " << r.err;
  EXPECT_NE(r.err.find(p.expected_in_message), std::string::npos) << r.err;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, CliBadInput,
    testing::Values(BadInput{{"frobnicate"}, "unknown command 'frobnicate'"},
                    BadInput{{"sleep", "--model", "turbo"}, "unknown model 'turbo'"},
                    BadInput{{"sleep", "--model", "thread,thread"}, "named twice"},
                    BadInput{{"sleep", "--model", ""}, "--model"},
                    BadInput{{"sleep", "--tasks", "0"}, "'0'"},
                    BadInput{{"sleep", "--tasks", "-5"}, "'-5'"},
                    BadInput{{"sleep", "--tasks", "abc"}, "'abc'"},
                    BadInput{{"sleep", "--tasks", "1e12"}, "'1e12'"},
                    BadInput{{"sleep", "--tasks", "99999999999999999999"}, "too large"},
                    BadInput{{"sleep", "--delay", "-1s"}, "'-1s'"},
                    BadInput{{"sleep", "--delay", "10x"}, "'10x'"},
                    BadInput{{"sleep", "--delay", "ms"}, "'ms'"},
                    BadInput{{"sleep", "--delay", "999999h"}, "'999999h'"},
                    BadInput{{"files", "--size", "0"}, "'0'"},
                    BadInput{{"files", "--size", "-1KiB"}, "'-1KiB'"},
                    BadInput{{"files", "--size", "4QB"}, "'4QB'"},
                    BadInput{{"files", "--dir", "/nonexistent/concur-demo"}, "--dir"},
                    BadInput{{"files", "--cache", "lukewarm"}, "'lukewarm'"},
                    BadInput{{"cpu", "--factorial", "0"}, "'0'"},
                    BadInput{{"sleep", "--workers", "0"}, "'0'"},
                    BadInput{{"sleep", "--repeat", "0"}, "'0'"},
                    BadInput{{"sleep", "--format", "yaml"}, "'yaml'"},
                    BadInput{{"sleep", "-o", "/nonexistent/dir/out.json"}, "does not exist"},
                    BadInput{{"sleep", "--bogus"}, "--bogus"}),
    [](const testing::TestParamInfo<BadInput>& p) {
      // A readable test name: index plus the arguments with non-alphanumerics folded to '_'.
      std::string name = std::to_string(p.index);
      for (const auto& a : p.param.args) {
        name += '_';
        for (const char c : a) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
      }
      return name;
    });

TEST(Cli, ListNamesEveryRegisteredScenarioAndModel) {
  const Result r = run({"list"});
  EXPECT_EQ(r.exit_code, 0);
  for (const auto& s : concur::scenarios()) EXPECT_NE(r.out.find(s.name), std::string::npos) << s.name;
  for (const auto& m : concur::models()) EXPECT_NE(r.out.find(m.name), std::string::npos) << m.name;
}

TEST(Cli, HelpExitsZero) {
  const Result r = run({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("sleep"), std::string::npos);
}

TEST(Cli, EqualsSyntaxForModelWorksAsTyped) {
  const Result r = run(quick({"sleep", "--model=async", "--tasks", "3", "--delay", "10ms"}));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("async"), std::string::npos);
  EXPECT_NE(r.out.find("✓"), std::string::npos);
  EXPECT_EQ(r.out.find("✗"), std::string::npos);
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos) << "no colour into a pipe";
}

TEST(Cli, JsonFollowsTheContract) {
  const Result r = run(quick({"io", "--model", "sequential,async", "--tasks", "3", "--delay", "10ms", "--size",
                              "64KiB", "--format", "json"}));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["tool"], "concur-demo");
  ASSERT_EQ(doc["results"].size(), 4u);  // (sleep, files) × (sequential, async)
  for (const auto& row : doc["results"]) {
    EXPECT_TRUE(row["verified"].get<bool>()) << row.dump();
    EXPECT_EQ(row["tasks"], 3);
    EXPECT_TRUE(row["wall_s"]["median"].is_number());
    EXPECT_EQ(row["runs"].size(), 1u);
  }
  EXPECT_EQ(doc["results"][0]["params"]["delay_ms"], 10);
  EXPECT_EQ(doc["results"][1]["workers"], 1);  // async: one thread
}

TEST(Cli, OutputFileIsWrittenAndStdoutStaysEmpty) {
  const auto path = std::filesystem::temp_directory_path() / ("cli-report-" + std::to_string(::getpid()) + ".csv");
  const Result r = run(quick({"sleep", "--model", "async", "--tasks", "2", "--delay", "5ms", "--format", "csv", "-o",
                              path.string()}));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  const std::string csv = slurp(path.string());
  EXPECT_EQ(csv.rfind("scenario,model", 0), 0u) << csv;
  std::filesystem::remove(path);
}

TEST(Cli, ReadsAUsersDirectoryWithoutChangingIt) {
  const auto dir = std::filesystem::temp_directory_path() / ("cli-dir-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  for (int i = 0; i < 3; ++i) std::ofstream(dir / ("f" + std::to_string(i))) << std::string(10000 + i, 'x');
  std::filesystem::create_symlink(dir / "f0", dir / "link");  // skipped, never followed
  const auto before = std::filesystem::last_write_time(dir / "f1");
  const Result r = run(quick({"files", "--dir", dir.string(), "--model", "sequential,async,fork"}));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("✓"), std::string::npos);
  EXPECT_EQ(std::filesystem::last_write_time(dir / "f1"), before);
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir)) ++entries;
  EXPECT_EQ(entries, 4u);
  std::filesystem::remove_all(dir);
}
