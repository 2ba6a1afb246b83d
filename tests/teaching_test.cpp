// The teaching layer: traces drawn from fixed records (timelines: timeline_test.cpp), and the binary's explain,
// count, --trace and Python rows as a user meets them.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include "registry/lessons.hpp"
#include "registry/registry.hpp"
#include "report/trace.hpp"
#include "run_binary.hpp"
#include "task_records.hpp"

using namespace concur;
using test::kMs;
using test::run_binary;
using test::slurp;
using test::task;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string temp_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() / (name + "-" + std::to_string(::getpid()))).string();
}

}  // namespace

TEST(Trace, OneProcessPerRunOneSlicePerTaskWaitsAndComputesApart) {
  Report report;
  ScenarioResult scenario;
  scenario.scenario = "factorial";
  ModelResult thread_row;
  thread_row.model = "thread";
  thread_row.timeline = {task(0, 50, 7, 1.0), task(0, 50, 8, 1.0)};
  thread_row.timeline_wall_s = 0.05;
  ModelResult async_row;
  async_row.model = "async";
  async_row.timeline = {task(0, 100, 9, 0.0), task(1, 100, 9, 0.0), task(2, 100, 9, 0.9)};  // overlapping on one thread
  async_row.timeline_wall_s = 0.1;
  scenario.rows = {thread_row, async_row};
  report.scenarios = {scenario};
  std::ostringstream out;
  write_trace(report, out);
  const auto doc = nlohmann::json::parse(out.str());
  ASSERT_TRUE(doc.contains("traceEvents"));
  std::size_t processes = 0, slices = 0, computes = 0, waits = 0, juggling_threads = 0;
  std::vector<std::string> thread_names;
  for (const auto& e : doc["traceEvents"]) {
    const std::string ph = e["ph"];
    if (ph == "M" && e["name"] == "process_name") ++processes;
    if (ph == "M" && e["name"] == "thread_name") thread_names.push_back(e["args"]["name"]);
    if ((ph == "X" && e["cat"] != "thread") || ph == "b") {
      ++slices;
      (e["cat"] == "compute" ? computes : waits) += 1;
      EXPECT_TRUE(e["args"].contains("task"));
    }
    if (ph == "X") {
      EXPECT_GE(e["dur"].get<double>(), 0.0);
      if (e["cat"] == "thread") ++juggling_threads;
    }
  }
  EXPECT_EQ(processes, 2u);
  EXPECT_EQ(slices, 5u);
  EXPECT_EQ(computes, 3u);
  EXPECT_EQ(waits, 2u);
  EXPECT_EQ(thread_names.size(), 3u);  // two threads of the thread run, the loop thread of async
  EXPECT_EQ(juggling_threads, 1u);     // async's loop thread, whose tasks overlap, has a busy slice
}

// One source of truth: the paragraph `explain` prints is, byte for byte, the one in the source.
TEST(Teaching, BadInputIsOneLineAndExitTwo) {
  for (const std::vector<std::string>& args : {std::vector<std::string>{"explain", "warp-drive"},
                                               {"sleep", "--timeline", "--format", "json"},
                                               {"count", "--delay", "0s"},
                                               {"count", "--model", "turbo"},
                                               {"sleep", "--trace", "/nonexistent/t.json"}}) {
    const auto r = run_binary(args);
    EXPECT_EQ(r.exit_code, 2) << args[0] << " " << args[1];
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  }
}

TEST(Trace, FileFromARealRunHasASlicePerTask) {
  const std::string path = temp_path("trace") + ".json";
  const auto r = run_binary({"sleep", "--model", "thread,async", "--tasks", "4", "--delay", "10ms", "--repeat", "1",
                             "--warmup", "0", "--trace", path});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(slurp(path));
  std::size_t slices = 0;
  for (const auto& e : doc["traceEvents"])
    if ((e["ph"] == "X" && e["cat"] != "thread") || e["ph"] == "b") ++slices;
  EXPECT_EQ(slices, 8u);
  // The contract is Python's json.load (Perfetto's loader is as strict); check with it when present.
  if (std::system("command -v python3 >/dev/null 2>&1") == 0) {
    const std::string check =
        "python3 -c \"import json,sys; d=json.load(open(sys.argv[1])); "
        "sys.exit(0 if d['traceEvents'] else 1)\" " +
        path;
    EXPECT_EQ(std::system(check.c_str()), 0);
  }
  std::filesystem::remove(path);
}

TEST(Python, RowsAreSkippedWithOneNoteWhenPython3IsMissing) {
  const std::string empty_dir = temp_path("no-python");
  std::filesystem::create_directories(empty_dir);
  const auto r = run_binary({"factorial", "--model", "thread,py-thread", "--tasks", "2", "--factorial", "500",
                             "--repeat", "1", "--warmup", "0"},
                            empty_dir);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_NE(r.err.find("python3"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("py-thread"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("\nthread "), std::string::npos) << r.out;  // its row, not the "threads" column
  EXPECT_EQ(r.out.find("py-"), std::string::npos) << r.out;
  const auto only = run_binary({"cpu", "--model", "py", "--repeat", "1", "--warmup", "0"}, empty_dir);
  EXPECT_EQ(only.exit_code, 0) << only.err;
  EXPECT_EQ(only.out, "");
  EXPECT_EQ(std::count(only.err.begin(), only.err.end(), '\n'), 1) << only.err;
  std::filesystem::remove_all(empty_dir);
}

TEST(Python, AllIsTheCoreModelsOnly) {
  const auto r = run_binary({"sleep", "--tasks", "2", "--delay", "1ms", "--repeat", "1", "--warmup", "0"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const auto& m : models()) {
    const bool shown = r.out.find(std::string("\n").append(m.name).append(" ")) != std::string::npos;
    EXPECT_EQ(shown, m.kind == ModelKind::core) << m.name;
  }
}

// Every lesson has its page, indexed, captured from `concur-demo lesson NAME` (which runs the
// command `explain` names and judges it).
TEST(Docs, EveryLessonHasAPageThatCapturesItsCommand) {
  const std::string docs = std::string(CONCUR_SOURCE_DIR) + "/docs";
  const std::string index = slurp(docs + "/README.md");
  for (const auto& l : lessons()) {
    std::string page_name = "lessons/";
    page_name.append(l.name).append(".md");
    EXPECT_NE(index.find("(" + page_name + ")"), std::string::npos) << page_name << " is not in docs/README.md";
    const std::string page = slurp(fmt::format("{}/{}", docs, page_name));
    EXPECT_NE(page.find("<!-- capture: concur-demo lesson " + std::string(l.name) + " -->"), std::string::npos)
        << page_name;
  }
}

TEST(Pitfalls, FlagsAddTheVariantRowAndTheBaselineItIsComparedWith) {
  const auto r = run_binary({"factorial", "--model", "async", "--offload", "--blocking", "--tasks", "2", "--factorial",
                             "500", "--repeat", "1", "--warmup", "0", "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> rows;
  for (const auto& line : lines_of(r.out))
    if (line.rfind("factorial,", 0) == 0) rows.push_back(line.substr(10, line.find(',', 10) - 10));
  EXPECT_EQ(rows, (std::vector<std::string>{"sequential", "async", "async-blocking", "async-offload"}));
}
