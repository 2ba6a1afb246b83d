// `count` as a user meets it: the tasks' own words in the order they happened, under every model
// and under Python's asyncio, and a takeaway read from what happened.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "registry/registry.hpp"
#include "run_binary.hpp"

using namespace concur;
using test::run_binary;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(Count, AsyncPrintsAllOnesFirstWhileSequentialAlternates) {
  // Long enough waits that three forks start before the first wait ends, even where a fork costs
  // a sanitizer build's mappings on a busy machine.
  const auto r = run_binary({"count", "--model", "sequential,fork,async", "--delay", "400ms"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string sequential, fork, async;
  for (const auto& line : lines_of(r.out)) {
    if (line.rfind("sequential ", 0) == 0) sequential = line;
    if (line.rfind("fork ", 0) == 0) fork = line;
    if (line.rfind("async ", 0) == 0) async = line;
  }
  EXPECT_NE(sequential.find("One Two One Two One Two"), std::string::npos) << r.out;
  EXPECT_NE(async.find("One One One Two Two Two"), std::string::npos) << r.out;
  EXPECT_NE(fork.find("One One One Two Two Two"), std::string::npos) << "children's own words: " << r.out;
  EXPECT_NE(r.out.find("takeaway:"), std::string::npos);
}

TEST(Count, PythonAsyncioPrintsTheSameOrder) {
  const std::string missing = find_model("py-async")->unavailable();
  if (!missing.empty()) GTEST_SKIP() << missing;
  const auto r = run_binary({"count", "--model", "py-async", "--delay", "100ms"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string py_async, py_sequential;
  for (const auto& line : lines_of(r.out)) {
    if (line.rfind("py-async ", 0) == 0) py_async = line;
    if (line.rfind("py-sequential ", 0) == 0) py_sequential = line;  // its baseline comes along
  }
  EXPECT_NE(py_async.find("One One One Two Two Two"), std::string::npos) << r.out;
  EXPECT_NE(py_sequential.find("One Two One Two One Two"), std::string::npos) << r.out;
}

}  // namespace
