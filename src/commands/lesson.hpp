// `concur-demo lesson`: the lessons the tool exists to show, run on this machine and judged from
// what was measured. Alone, the list; with a name, the demonstration, the lesson and its verdict;
// `--all --check`, every lesson quickly, one verdict each, exit 0 only when every one showed.
#pragma once

#include "commands/command.hpp"

namespace concur {

/// Adds `lesson` to `line`.
void add_lesson_command(CommandLine& line, Action& action, unsigned cores);

}  // namespace concur
