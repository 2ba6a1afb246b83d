// `concur-demo sweep <scenario> --vary KEY=V1,V2,…`: one scenario measured at several values of
// one option, every model at every value, interleaved; one table (values × models), a terminal
// chart, and optionally an SVG chart.
#pragma once

#include "commands/command.hpp"

namespace concur {

/// Adds `sweep` to `line`.
void add_sweep_command(CommandLine& line, Action& action, unsigned cores);

}  // namespace concur
