// Several outputs from one run, against the real binary: the table on stdout and every file
// asked for beside it, written after the run; two outputs naming one file, or an output where the
// run reads, refused before anything is measured; and compare on the files a run exported.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "child_process.hpp"
#include "markup.hpp"
#include "run_binary.hpp"

using namespace concur::test;

namespace {

Result tool(std::vector<std::string> args) { return run(Launch{.args = std::move(args)}); }

// Fast runs: what is tested is where the outputs go, not the numbers.
std::vector<std::string> quick(std::vector<std::string> args) {
  for (const char* a : {"--tasks", "3", "--delay", "20ms", "--repeat", "1", "--warmup", "0"}) args.emplace_back(a);
  return args;
}

std::vector<std::string> names_in(const std::string& path) {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(path)) names.push_back(e.path().filename().string());
  return names;
}

void expect_refused(const Result& r, std::string_view why) {
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(lines(r.err).size(), 1u) << r.err;
  EXPECT_NE(r.err.find(why), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");
}

}  // namespace

TEST(Outputs, OneRunPrintsTheTableAndWritesEveryFile) {
  const ScratchDir dir;
  const Result r = tool(
      quick({"sleep", "--model", "sequential,thread,async", "--html", dir / "r.html", "--export-json", dir / "r.json",
             "--export-csv", dir / "r.csv", "--export-markdown", dir / "r.md", "--export-json", dir / "again.json"}));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("sequential"), std::string::npos) << "the table, as --format table prints it";
  EXPECT_NE(r.out.find("async "), std::string::npos);
  // Each file whole, nothing else left in the directory (no temporary file of an atomic write).
  EXPECT_EQ(dir.entries(), (std::vector<std::string>{"again.json", "r.csv", "r.html", "r.json", "r.md"}));
  for (const char* name : {"r.json", "again.json"}) {
    const auto doc = nlohmann::json::parse(slurp(dir / name));
    EXPECT_EQ(doc["schema_version"], 1);
    EXPECT_EQ(doc["results"].size(), 3u);
    EXPECT_NE(doc["command"].get<std::string>().find("--export-json"), std::string::npos);
  }
  EXPECT_EQ(lines(slurp(dir / "r.csv")).size(), 1u + 3u);
  EXPECT_NE(slurp(dir / "r.md").find("| sequential"), std::string::npos);
  const std::string page = slurp(dir / "r.html");
  EXPECT_EQ(tag_problems(page), "");
  EXPECT_EQ(occurrences(page, "<g class=\"timeline\">"), 3u) << "a timeline per row";
  EXPECT_EQ(page.find("http"), std::string::npos);
}

TEST(Outputs, TwoNamingOneFileAreRefusedBeforeMeasuring) {
  const ScratchDir dir;
  std::filesystem::create_directory_symlink(dir.path(), dir / "link");
  const auto started = std::chrono::steady_clock::now();
  // Ten seconds of sleeping if it measured anything.
  const std::vector<std::string> slow{"sleep", "--model", "sequential", "--tasks", "2", "--delay", "5s"};
  auto with = [&](std::vector<std::string> more) {
    std::vector<std::string> args = slow;
    args.insert(args.end(), more.begin(), more.end());
    return args;
  };
  expect_refused(tool(with({"--html", dir / "x", "--export-json", dir / "./x"})),
                 "--html '" + (dir / "x") + "' and --export-json");
  expect_refused(tool(with({"--html", dir / "x", "--html", dir / "link/x"})), "name the same file");
  expect_refused(tool(with({"-o", dir / "x", "--export-csv", dir / "x"})), "name the same file");
  expect_refused(tool(with({"--trace", dir / "x", "--timeline-svg", dir / "x"})), "name the same file");
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(8));
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"link"});
}

TEST(Outputs, AnOutputWhereTheRunReadsIsRefused) {
  const ScratchDir dir;
  std::filesystem::create_directory(dir / "in");
  std::ofstream(dir / "in/one") << std::string(4096, 'x');
  expect_refused(tool({"files", "--dir", dir / "in", "--html", dir / "in/report.html"}), "is inside --dir");
  EXPECT_EQ(names_in(dir / "in"), std::vector<std::string>{"one"});
}

TEST(Outputs, SvgDrawsTheTimelinesOfARun) {
  const ScratchDir dir;
  const Result r = tool(quick({"sleep", "--model", "thread,async", "--svg", dir / "a.svg", "--timeline-svg",
                               dir / "b.svg", "--title", "Two models"}));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* name : {"a.svg", "b.svg"}) {
    const std::string svg = slurp(dir / name);
    EXPECT_EQ(tag_problems(svg), "") << name;
    EXPECT_EQ(occurrences(svg, "<g class=\"timeline\">"), 2u) << name;
    EXPECT_NE(svg.find("<title>Two models</title>"), std::string::npos) << name;
    EXPECT_GE(smallest_font(svg), 18.0) << name;
  }
}

TEST(CompareBinary, TwoExportedReportsSideBySide) {
  const ScratchDir dir;
  for (const char* workers : {"1", "2"})
    ASSERT_EQ(
        tool({"sleep", "--model", "sequential,pool,async", "--workers", workers, "--tasks", "4", "--delay", "50ms",
              "--repeat", "1", "--warmup", "0", "--format", "json", "-o", dir / (std::string("w") + workers + ".json")})
            .exit_code,
        0);
  const Result r = tool({"compare", dir / "w2.json", dir / "w1.json", "--html", dir / "c.html"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("A  " + (dir / "w2.json")), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("made with: concur-demo sleep"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("(1 worker)"), std::string::npos) << "pool's workers differ: " << r.out;
  // One worker sleeps 4 × 50 ms in turn, two sleep two at a time: B's pool is about 2× A's, and
  // single runs (min = max) overlap only when equal, so no ≈.
  const std::size_t pool = r.out.find("\npool ");
  ASSERT_NE(pool, std::string::npos) << r.out;
  const std::string pool_line = r.out.substr(pool + 1, r.out.find('\n', pool + 1) - pool - 1);
  EXPECT_EQ(pool_line.find("≈"), std::string::npos) << pool_line;
  const std::size_t times = pool_line.rfind("×");
  ASSERT_NE(times, std::string::npos) << pool_line;
  EXPECT_GT(std::stod(pool_line.substr(pool_line.rfind(' ', times) + 1)), 1.4) << pool_line;
  EXPECT_EQ(tag_problems(slurp(dir / "c.html")), "");
  // A terminal whose locale is not UTF-8 gets the table in ASCII; the HTML stays UTF-8.
  const Result ascii = run(Launch{.args = {"compare", dir / "w2.json", dir / "w1.json"}, .env = {"LC_ALL=C"}});
  ASSERT_EQ(ascii.exit_code, 0) << ascii.err;
  EXPECT_TRUE(std::all_of(ascii.out.begin(), ascii.out.end(), [](char c) {
    return static_cast<unsigned char>(c) < 128;
  })) << ascii.out;
  EXPECT_NE(ascii.out.find("x "), std::string::npos) << "ratios as 1.00x: " << ascii.out;
  std::ofstream(dir / "bad.json") << "{\"tool\": \"concur-demo\", \"schema_version\": 1}";
  expect_refused(tool({"compare", dir / "w1.json", dir / "bad.json"}), (dir / "bad.json") + ": version is missing");
  expect_refused(tool({"compare", dir / "w1.json"}), "at least two reports");
  expect_refused(tool({"compare", dir / "w1.json", dir / "w2.json", "--export-json", dir / "w2.json"}),
                 "names an input");
}
