// Running python3 for one reference row: the reference program is started with four pipes of its
// own (its job in; its results, its standard output and its errors out), and everything it sends
// is read until it exits. It shares no descriptor with the tool: whatever it prints, or whatever
// a python3 wrapper earlier on the PATH prints, can never land in the report.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace concur {

/// How python3 ended and what it sent.
struct PythonExit {
  int status = 0;                               ///< its wait status
  std::chrono::nanoseconds cpu{0};              ///< its CPU time, its reaped children's included
  std::chrono::steady_clock::time_point ended;  ///< when it had exited
  std::vector<std::byte> results;               ///< everything it wrote to descriptor 3
  std::vector<std::byte> errors;                ///< everything it wrote to its standard error
};

/// Runs the reference program as `python3 -I -c <program> <flavour>` with `job` on its standard
/// input, and waits for it. Of its standard output only the `words` the tasks say (the count
/// demo's) pass on to the tool's, each as it is said, followed by a space; anything else is read
/// and dropped. Throws std::runtime_error if it cannot be started.
PythonExit run_python(std::string_view flavour, const std::string& job, const std::vector<std::string>& words);

}  // namespace concur
