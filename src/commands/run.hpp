// The scenario commands: one per scenario (sleep, files, factorial, …), one per group (io,
// cpu) and all, each measuring its scenarios under the chosen models. They come from the
// registry, so a new scenario is a new command without a line here.
#pragma once

#include <string>
#include <vector>

#include "commands/command.hpp"
#include "commands/pipeline.hpp"

namespace concur {

/// Adds every scenario command to `line`.
void add_run_commands(CommandLine& line, Action& action, unsigned cores);

/// What a scenario command line asks to measure, and the notes on models it left out.
struct ParsedRun {
  Measurement measurement;         ///< the jobs, output and plan, as the command would run them
  std::vector<std::string> notes;  ///< one line per model skipped (no python3, say)
};

/// Parses `args` (a scenario command and its options, without the program's name) exactly as
/// the command line would, for commands that run another command's demonstration (`lesson`).
/// Throws UsageError for anything the command line would refuse.
ParsedRun parse_run_command(const std::vector<std::string>& args, unsigned cores);

}  // namespace concur
