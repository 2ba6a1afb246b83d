// `concur-demo serve`: the HTTP server of the net scenario, run on its own for a classroom. A
// teacher starts one; students point `concur-demo net --server HOST:PORT` at it.
#pragma once

#include "commands/command.hpp"

namespace concur {

/// Adds `serve` to `line`.
void add_serve_command(CommandLine& line, Action& action, unsigned cores);

}  // namespace concur
