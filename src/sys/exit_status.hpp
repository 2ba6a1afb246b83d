// Words for how a child process ended, shared by everything that forks.
#pragma once

#include <string>

namespace concur {

/// "killed by SIGSEGV" or "exited with status 3", from a waitpid status.
std::string describe_exit_status(int status);

/// True when the child exited normally with status 0.
bool exited_cleanly(int status);

}  // namespace concur
