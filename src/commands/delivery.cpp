#include "commands/delivery.hpp"

#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <iostream>
#include <stdexcept>

#include "sys/atomic_file.hpp"

namespace concur {

bool wants_color(std::string_view format, bool to_file) {
  const char* term = std::getenv("TERM");
  return format == "table" && !to_file && ::isatty(STDOUT_FILENO) == 1 && std::getenv("NO_COLOR") == nullptr &&
         (term == nullptr || std::strcmp(term, "dumb") != 0);
}

void deliver(const std::string& text, const std::optional<std::string>& output) {
  if (output) {
    write_file_atomically(*output, text);
  } else {
    std::cout << text << std::flush;
    // SIGPIPE is ignored (so a closed reader cannot skip the cleanup): say so instead of exit 0.
    if (!std::cout) throw std::runtime_error("cannot write the report to standard output");
  }
}

}  // namespace concur
