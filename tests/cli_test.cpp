// The real binary, as a user runs it: exit codes, stdout and stderr.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "registry/registry.hpp"
#include "run_binary.hpp"
#include "sanitizer_support.hpp"

namespace {

using Result = concur::test::BinaryResult;
using concur::test::slurp;

Result run(const std::vector<std::string>& args) { return concur::test::run_binary(args); }

// Fast parameters so CLI tests measure behaviour, not patience.
std::vector<std::string> quick(std::vector<std::string> args) {
  for (const char* a : {"--repeat", "1", "--warmup", "0"}) args.emplace_back(a);
  return args;
}

}  // namespace

// Bad input: tests/bad_input_test.cpp.

TEST(Cli, ListNamesEveryRegisteredScenarioAndModel) {
  const Result r = run({"list"});
  EXPECT_EQ(r.exit_code, 0);
  for (const auto& s : concur::scenarios()) EXPECT_NE(r.out.find(s.name), std::string::npos) << s.name;
  for (const auto& m : concur::models()) EXPECT_NE(r.out.find(m.name), std::string::npos) << m.name;
  // Only the scenarios a group runs carry its tag: count is run by its own command, not by io.
  EXPECT_NE(r.out.find("count           [own command]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("sleep           [io]"), std::string::npos) << r.out;
}

TEST(Cli, HelpExitsZero) {
  const Result r = run({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("sleep"), std::string::npos);
}

TEST(Cli, EqualsSyntaxForModelWorksAsTyped) {
  const Result r = run(quick({"sleep", "--model=async", "--tasks", "3", "--delay", "10ms"}));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  for (const auto& m : concur::models()) {  // async's row and no other: the option was read
    std::string row = "\n";  // appended, not "\n" + name + " ": g++ 12 warns falsely (-Wrestrict) on that
    row += m.name;
    row += ' ';
    const bool shown = r.out.find(row) != std::string::npos;
    EXPECT_EQ(shown, m.name == "async") << m.name << " in " << r.out;
  }
  EXPECT_NE(r.out.find("✓"), std::string::npos);
  EXPECT_EQ(r.out.find("✗"), std::string::npos);
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos) << "no colour into a pipe";
}

TEST(Cli, JsonFollowsTheContract) {
  const Result r = run(quick(
      {"io", "--model", "sequential,async", "--tasks", "3", "--delay", "10ms", "--size", "64KiB", "--format", "json"}));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["tool"], "concur-demo");
  ASSERT_EQ(doc["results"].size(), 6u);  // (sleep, files, net) × (sequential, async)
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
  const Result r = run(
      quick({"sleep", "--model", "async", "--tasks", "2", "--delay", "5ms", "--format", "csv", "-o", path.string()}));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  const std::string csv = slurp(path.string());
  EXPECT_EQ(csv.rfind("scenario,model", 0), 0u) << csv;
  std::filesystem::remove(path);
}

TEST(Cli, ReadsAUsersDirectoryWithoutChangingIt) {
  const auto dir = std::filesystem::temp_directory_path() / ("cli-dir-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  for (const char* name : {"f0", "f1", "f2"}) std::ofstream(dir / name) << std::string(10000 + name[1], 'x');
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

TEST(CliSweep, CsvHasOneRowPerValueAndModel) {
  const Result r = run(quick({"sweep", "sleep", "--vary", "tasks=10,100,1000", "--model", "thread,async", "--delay",
                              "5ms", "--format", "csv"}));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::istringstream lines(r.out);
  std::string header, line;
  std::getline(lines, header);
  EXPECT_EQ(header.rfind("scenario,model,", 0), 0u);
  std::map<std::string, int> per_model;
  while (std::getline(lines, line)) {
    const auto first = line.find(',');
    ++per_model[line.substr(first + 1, line.find(',', first + 1) - first - 1)];
  }
  EXPECT_EQ(per_model, (std::map<std::string, int>{{"async", 3}, {"thread", 3}}));
}

TEST(CliSweep, WritesAnSvgBesideTheTableAndJsonNamesTheSweep) {
  const auto svg = std::filesystem::temp_directory_path() / ("cli-sweep-" + std::to_string(::getpid()) + ".svg");
  // Fiber only where the sanitizer can follow it (TSan cannot: Boost.Context's stack switches).
  const std::string models = concur::test::model_list({"async", "fiber"});
  const std::size_t rows_per_value = models.find(',') == std::string::npos ? 1 : 2;
  const Result r = run(quick({"sweep", "sleep", "--vary", "delay=2ms,20ms", "--model", models, "--tasks", "4",
                              "--format", "json", "--svg", svg.string()}));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["sweep"]["key"], "delay");
  EXPECT_EQ(doc["sweep"]["values"].size(), 2u);
  ASSERT_EQ(doc["results"].size(), 2 * rows_per_value);
  EXPECT_DOUBLE_EQ(doc["results"].back()["sweep_value"].get<double>(), 0.02);
  const std::string chart = slurp(svg.string());
  EXPECT_EQ(chart.rfind("<?xml", 0), 0u);
  EXPECT_NE(chart.find("</svg>"), std::string::npos);
  std::filesystem::remove(svg);
}

TEST(CliProgress, NothingOnStderrWhenItIsNotATerminal) {
  // Expected to take over 2 s, so a terminal would get a progress line; a file must not.
  const Result r = run(quick({"sleep", "--model", "sequential", "--tasks", "21", "--delay", "100ms"}));
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.err, "");
}
