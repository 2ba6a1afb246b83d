// The Python reference rows against the real binary: their CPU time covers the same window as
// their wall time (the interpreter's start-up is in neither), and python3 never writes into the
// report: its standard output is a pipe the tool reads, passing on only the count demo's words.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "child_process.hpp"

using namespace concur::test;

namespace {

bool python_available() { return ::system("command -v python3 >/dev/null 2>&1") == 0; }

// The value of column `name` in a CSV row, by the header's order.
std::string column(const std::string& csv, const std::string& row, const std::string& name) {
  const auto split = [](const std::string& line) {
    std::vector<std::string> cells;
    std::stringstream in(line);
    for (std::string cell; std::getline(in, cell, ',');) cells.push_back(cell);
    return cells;
  };
  const auto header = split(lines(csv).at(0));
  const auto cells = split(row);
  for (std::size_t i = 0; i < header.size() && i < cells.size(); ++i)
    if (header[i] == name) return cells[i];
  return {};
}

}  // namespace

TEST(PythonRows, CpuTimeAndWallTimeCoverTheSameWindow) {
  if (!python_available()) GTEST_SKIP() << "no python3 on the PATH";
  const Result r = run({.args = {"sleep", "--model", "py", "--tasks", "2", "--delay", "1ms", "--repeat", "3",
                                 "--warmup", "0", "--format", "csv"}});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const double cores = std::thread::hardware_concurrency();
  for (const char* model : {"py-sequential", "py-thread", "py-process", "py-async"}) {
    const std::string row = csv_row(r.out, "sleep", model);
    ASSERT_FALSE(row.empty()) << model << ": " << r.out;
    const double utilisation = std::stod(column(r.out, row, "cpu_utilisation"));
    // Two waits of 1 ms compute next to nothing: no row can keep more than every core busy, and the
    // single-threaded ones not even one.
    EXPECT_LE(utilisation, cores) << model << ": " << row;
    if (std::string(model) == "py-sequential" || std::string(model) == "py-async") {
      EXPECT_LE(utilisation, 1.0) << model << ": " << row;
    }
  }
}

TEST(PythonRows, Python3NeverWritesIntoTheReport) {
  if (!python_available()) GTEST_SKIP() << "no python3 on the PATH";
  // A python3 earlier on the PATH that chatters on its standard output before running the real one.
  const ScratchDir bin(0755);
  const std::string real = [] {
    FILE* which = ::popen("command -v python3", "r");
    char path[4096] = {};
    if (which != nullptr && std::fgets(path, sizeof path, which) != nullptr) path[std::strcspn(path, "\n")] = '\0';
    if (which != nullptr) ::pclose(which);
    return std::string(path);
  }();
  std::ofstream(bin / "python3") << "#!/bin/sh\necho NOISE-FROM-PYTHON\nexec " << real << " \"$@\"\n";
  ::chmod((bin / "python3").c_str(), 0755);
  const std::string path = "PATH=" + bin.path() + ":" + std::getenv("PATH");
  const Result r = run({.args = {"sleep", "--model", "py-sequential", "--tasks", "1", "--delay", "1ms", "--repeat", "1",
                                 "--warmup", "0", "--format", "csv"},
                        .env = {path}});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.find("NOISE"), std::string::npos) << r.out;
  EXPECT_TRUE(csv_verified(csv_row(r.out, "sleep", "py-sequential"))) << r.out;
  // The count demo's words still come through, and nothing else.
  const Result count = run({.args = {"count", "--model", "py-sequential", "--delay", "10ms"}, .env = {path}});
  EXPECT_EQ(count.exit_code, 0) << count.err;
  EXPECT_NE(count.out.find("One Two One Two One Two"), std::string::npos) << count.out;
  EXPECT_EQ(count.out.find("NOISE"), std::string::npos) << count.out;
}

TEST(PythonRows, AFloodOnPython3sStandardErrorGivesAShortReason) {
  // A python3 that writes 5 MB of one endless line to its standard error and then fails: the ✗
  // row's reason is its last line cut to a readable length, never the flood itself.
  const ScratchDir bin(0755);
  std::ofstream(bin / "python3") << "#!/bin/sh\nhead -c 5000000 /dev/zero | tr '\\0' x >&2\nexit 3\n";
  ::chmod((bin / "python3").c_str(), 0755);
  const std::string path = "PATH=" + bin.path() + ":" + std::getenv("PATH");
  const Result r = run({.args = {"sleep", "--model", "py-sequential", "--tasks", "1", "--delay", "1ms", "--repeat", "1",
                                 "--warmup", "0"},
                        .env = {path}});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("python3 exited with status 3:"), std::string::npos) << r.out.substr(0, 2000);
  EXPECT_NE(r.out.find("...xxx"), std::string::npos) << r.out.substr(0, 2000);
  EXPECT_LT(r.out.size() + r.err.size(), 10'000U) << r.out.substr(0, 2000);
}
