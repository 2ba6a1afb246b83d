#include "measure/progress.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

#include <fmt/format.h>

#include "report/glyphs.hpp"
#include "report/terminal_text.hpp"

namespace concur {
namespace {

constexpr std::chrono::milliseconds kRedrawEvery{200};
constexpr char kEraseLine[] = "\r\x1b[K";

void write_stderr(const std::string& text) {
  // One write per redraw, unbuffered: the line must not interleave with a report on stdout.
  [[maybe_unused]] const auto written = ::write(STDERR_FILENO, text.data(), text.size());
}

}  // namespace

bool progress_allowed() {
  const char* ci = std::getenv("CI");
  const bool in_ci = ci != nullptr && *ci != '\0' && std::strcmp(ci, "false") != 0 && std::strcmp(ci, "0") != 0;
  return !in_ci && ::isatty(STDERR_FILENO) == 1;
}

Progress::Progress(bool enabled) : enabled_(enabled), start_(std::chrono::steady_clock::now()) {}

Progress::~Progress() {
  if (enabled_ && !label_.empty()) write_stderr(kEraseLine);
}

void Progress::run_started(std::string_view what, std::int64_t k, std::int64_t n) {
  if (!enabled_) return;
  label_ = fmt::format("{} · run {} of {}", what, k, n);
  draw();
}

void Progress::tick() {
  if (enabled_ && !label_.empty() && std::chrono::steady_clock::now() - last_draw_ >= kRedrawEvery) draw();
}

void Progress::draw() {
  last_draw_ = std::chrono::steady_clock::now();
  const double elapsed = std::chrono::duration<double>(last_draw_ - start_).count();
  // One row at most: a line longer than the terminal would wrap, and \r only goes back to the
  // start of the last row, leaving the others behind at every redraw.
  winsize size{};
  const std::size_t columns = ::ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 1 ? size.ws_col - 1 : 79;
  const std::string line =
      in_charset(fmt::format("measuring {} · {:.1f} s elapsed", label_, elapsed), terminal_charset());
  write_stderr(kEraseLine + cut_to_width(line, columns));
}

}  // namespace concur
