// A lesson's demonstration, measured: its command line parsed as the command line would parse
// it, run through the same pipeline (or the count demo), and the report kept for the lesson's
// judge. Shown as the command would show it, or measured quietly for a check.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/results.hpp"

namespace concur {

/// How a demonstration is run.
struct DemoMode {
  bool show = true;   ///< print what the command prints (else only measure: `lesson --check`)
  bool live = false;  ///< with --live (a table command on a terminal that can show it)
};

/// The words of `command` after the program's name: "concur-demo sleep --tasks 10" → sleep, --tasks, 10.
std::vector<std::string> demo_arguments(std::string_view command);

/// Runs the lesson command `command` on a machine of `cores` cores and returns what it measured
/// (every job keeps its task records, for the judges that read them). Notes on skipped models
/// go to stderr. Throws UsageError for a command the command line would refuse.
Report run_demo(std::string_view command, unsigned cores, const DemoMode& mode);

}  // namespace concur
