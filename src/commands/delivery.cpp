#include "commands/delivery.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <stdexcept>
#include <string_view>

#include "sys/atomic_file.hpp"

namespace concur {
namespace {

constexpr int kDefaultWidth = 100;
// Wider than any terminal: a COLUMNS beyond it is a typo, not a screen.
constexpr int kWidestWidth = 10'000;

// COLUMNS as a number of columns, or nullopt when unset, empty or not a whole number (a shell
// may export anything; a bad value is ignored as a terminal would ignore it).
std::optional<int> columns_variable() {
  const char* text = std::getenv("COLUMNS");
  if (text == nullptr) return std::nullopt;
  const std::string_view value(text);
  int columns = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), columns);
  if (error != std::errc() || end != value.data() + value.size() || columns <= 0) return std::nullopt;
  return std::min(columns, kWidestWidth);
}

}  // namespace

bool wants_color(Format format, bool to_file) {
  const char* term = std::getenv("TERM");
  return format_info(format).for_terminal && !to_file && ::isatty(STDOUT_FILENO) == 1 &&
         std::getenv("NO_COLOR") == nullptr && (term == nullptr || std::strcmp(term, "dumb") != 0);
}

std::optional<int> fit_width(bool to_file) {
  std::optional<int> width = columns_variable();
  winsize size{};
  if (!width && !to_file && ::isatty(STDOUT_FILENO) == 1 && ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 &&
      size.ws_col > 0)
    width = size.ws_col;
  if (width) width = std::max(*width, kNarrowestWidth);
  return width;
}

int report_width(bool to_file) { return fit_width(to_file).value_or(kDefaultWidth); }

RenderOptions render_options(const OutputSettings& output) {
  const bool to_file = output.file.has_value();
  const std::optional<int> fit = fit_width(to_file);
  return RenderOptions{
      .color = wants_color(output.format, to_file),
      .width = fit.value_or(kDefaultWidth),
      .timeline = output.timeline,
      .fit = fit.has_value(),
      .wide = output.wide,
      .verbose = output.verbose,
      .charset = format_info(output.format).for_terminal ? terminal_charset() : Charset::utf8,
  };
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
