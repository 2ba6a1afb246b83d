// `concur-demo compare A.json B.json …`: the --export-json files of several runs (a class's
// machines, or one machine before and after a change) side by side, each read against the first.
#pragma once

#include <string>
#include <vector>

#include "commands/command.hpp"
#include "options/settings.hpp"

namespace concur {

/// Reads `files` (JSON reports), compares them and writes the comparison as `settings` ask
/// (--format, -o, --html, the exports). Returns the exit code; throws UsageError for a file that
/// is not a readable concur-demo report of this schema version.
int run_compare(const std::vector<std::string>& files, const Settings& settings);

/// Adds `compare` to `line`.
void add_compare_command(CommandLine& line, Action& action, unsigned cores);

}  // namespace concur
