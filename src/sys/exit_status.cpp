#include "sys/exit_status.hpp"

#include <sys/wait.h>

#include <cstring>

#include <fmt/format.h>

namespace concur {

std::string describe_exit_status(int status) {
  if (WIFSIGNALED(status)) {
    const char* abbrev = ::sigabbrev_np(WTERMSIG(status));
    return abbrev != nullptr ? fmt::format("killed by SIG{}", abbrev)
                             : fmt::format("killed by signal {}", WTERMSIG(status));
  }
  return fmt::format("exited with status {}", WEXITSTATUS(status));
}

bool exited_cleanly(int status) { return WIFEXITED(status) && WEXITSTATUS(status) == 0; }

}  // namespace concur
