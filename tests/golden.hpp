// Golden-file comparison shared by the reporter and sweep tests: compare bytes with the file in
// GOLDEN_DIR, or rewrite it when UPDATE_GOLDEN=1 (then review the diff).
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#ifndef GOLDEN_DIR
#error "GOLDEN_DIR must name the directory of the golden files"
#endif

namespace concur::test {

/// Expects `actual` to equal the golden file `name` byte for byte (binary mode: CRLF survives).
inline void expect_golden(const std::string& name, const std::string& actual) {
  const std::string path = std::string(GOLDEN_DIR) + "/" + name;
  const char* update = std::getenv("UPDATE_GOLDEN");
  if (update != nullptr && std::string_view(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << "missing golden file " << path << " (run with UPDATE_GOLDEN=1)";
  std::ostringstream expected;
  expected << in.rdbuf();
  EXPECT_EQ(expected.str(), actual) << "differs from " << path;
}

}  // namespace concur::test
