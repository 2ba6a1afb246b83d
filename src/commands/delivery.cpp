#include "commands/delivery.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <iostream>
#include <stdexcept>

#include "sys/atomic_file.hpp"

namespace concur {
namespace {

// Narrower terminals get the default width: below this a table cannot be laid out at all.
constexpr int kNarrowestTerminal = 40;
constexpr int kDefaultWidth = 100;

}  // namespace

bool wants_color(Format format, bool to_file) {
  const char* term = std::getenv("TERM");
  return format_info(format).for_terminal && !to_file && ::isatty(STDOUT_FILENO) == 1 &&
         std::getenv("NO_COLOR") == nullptr && (term == nullptr || std::strcmp(term, "dumb") != 0);
}

int report_width(bool to_file) {
  winsize size{};
  if (!to_file && ::isatty(STDOUT_FILENO) == 1 && ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 &&
      size.ws_col >= kNarrowestTerminal)
    return size.ws_col;
  return kDefaultWidth;
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
