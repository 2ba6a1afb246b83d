// `concur-demo list`: scenarios and models with one line each, straight from the registry.
#pragma once

#include <ostream>

#include "commands/command.hpp"

namespace concur {

/// Prints every scenario and model with its blurb.
void print_list(std::ostream& out);

/// Adds `list` to `line`.
void add_list_command(CommandLine& line, Action& action, unsigned cores);

}  // namespace concur
