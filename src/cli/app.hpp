// The command line: CLI11 tokenises and writes help, every command file adds itself, and the
// option table judges every value. Parsing only decides what to do; running it comes after.
#pragma once

#include "commands/command.hpp"

namespace concur {

/// Parses argv into the action it stands for (help and --version become an action that prints
/// them); throws UsageError for bad input. `cores` is the default for --workers. Runs nothing.
Action parse_command_line(int argc, const char* const* argv, unsigned cores);

/// The whole tool: parses, then runs the action; bad input is one line on stderr and exit
/// code 2, any other error one line and exit code 1.
int run_tool(int argc, const char* const* argv);

}  // namespace concur
