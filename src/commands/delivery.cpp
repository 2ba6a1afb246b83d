#include "commands/delivery.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <iostream>
#include <stdexcept>
#include <system_error>

#include <fmt/format.h>

#include "core/parse.hpp"
#include "sys/atomic_file.hpp"

namespace concur {
namespace {

// Narrower terminals get the default width: below this a table cannot be laid out at all.
constexpr int kNarrowestTerminal = 40;
constexpr int kDefaultWidth = 100;

// Set and not empty: no-color.org gives NO_COLOR= (empty) no meaning.
bool set_non_empty(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0';
}

}  // namespace

bool wants_color(Format format, bool to_file) {
  if (!format_info(format).for_terminal || to_file || set_non_empty("NO_COLOR")) return false;
  // CLICOLOR_FORCE (bixense.com/clicolors): colour even into a pipe, unless it says 0.
  if (set_non_empty("CLICOLOR_FORCE") && std::strcmp(std::getenv("CLICOLOR_FORCE"), "0") != 0) return true;
  const char* term = std::getenv("TERM");
  return ::isatty(STDOUT_FILENO) == 1 && (term == nullptr || std::strcmp(term, "dumb") != 0);
}

int report_width(bool to_file) {
  winsize size{};
  if (!to_file && ::isatty(STDOUT_FILENO) == 1 && ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 &&
      size.ws_col >= kNarrowestTerminal)
    return size.ws_col;
  return kDefaultWidth;
}

bool writes_to_file(const std::optional<std::string>& output) { return output.has_value() && *output != "-"; }

void write_output(std::string_view option, const std::string& path, std::string_view content) {
  try {
    write_file_atomically(path, content);
  } catch (const std::system_error& e) {
    throw std::runtime_error(fmt::format("cannot write {} '{}': {}", option, printable(path), e.code().message()));
  }
}

void deliver(const std::string& text, const std::optional<std::string>& output) {
  if (writes_to_file(output)) {
    write_output("--output", *output, text);
  } else {
    std::cout << text << std::flush;
    // SIGPIPE is ignored (so a closed reader cannot skip the cleanup): say so instead of exit 0.
    if (!std::cout) throw std::runtime_error("cannot write the report to standard output");
  }
}

}  // namespace concur
