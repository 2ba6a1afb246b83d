// Runs the real concur-demo binary as a user would, capturing exit code, stdout and stderr.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace concur::test {

/// What one run of the binary produced.
struct BinaryResult {
  int exit_code = -1;  ///< exit status, or 128 + signal
  std::string out;     ///< everything on standard output
  std::string err;     ///< everything on standard error
};

/// Runs the binary with `args` and stdin from /dev/null; `path`, when given, replaces PATH.
BinaryResult run_binary(const std::vector<std::string>& args, const std::optional<std::string>& path = {});

/// The whole content of a file ("" if unreadable).
std::string slurp(const std::string& path);

}  // namespace concur::test
