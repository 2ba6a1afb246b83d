// The scenario commands: one per scenario (sleep, files, factorial, …), one per group (io,
// cpu) and all, each measuring its scenarios under the chosen models. They come from the
// registry, so a new scenario is a new command without a line here.
#pragma once

#include "commands/command.hpp"

namespace concur {

/// Adds every scenario command to `app`.
void add_run_commands(CLI::App& app, Action& action, unsigned cores);

}  // namespace concur
