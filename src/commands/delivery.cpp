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
#include <system_error>

#include <fmt/format.h>

#include "core/parse.hpp"
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
  const bool to_file = writes_to_file(output.file);
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
