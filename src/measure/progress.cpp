#include "measure/progress.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <vector>

#include <fmt/format.h>

#include "report/glyphs.hpp"
#include "report/terminal_text.hpp"

namespace concur {
namespace {

constexpr std::chrono::milliseconds kRedrawEvery{200};
constexpr char kEraseLine[] = "\r\x1b[K";
constexpr int kDefaultWidth = 80;
constexpr int kMaxBar = 20;  // cells of the bar when the terminal has room
constexpr int kMinBar = 6;   // fewer would not show progress at all (the percentage does)
// Columns the words of a typical line take ("45 % · 12 s left · factorial · sequential · model 1
// of 3 · run 1 of 3"): at 80 columns the bar gets the 7 cells left beside them.
constexpr int kWordsAt80 = 73;

void write_stderr(const std::string& text) {
  // One write per redraw, unbuffered: the line must not interleave with a report on stdout.
  [[maybe_unused]] const auto written = ::write(STDERR_FILENO, text.data(), text.size());
}

int stderr_width() {
  winsize size{};
  if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  return kDefaultWidth;
}

std::string bar(double done, int cells) {
  const auto full = std::clamp(static_cast<int>(std::floor(done * cells)), 0, cells);
  std::string out = "[";
  for (int i = 0; i < cells; ++i) out += i < full ? "█" : "░";
  return out + "]";
}

}  // namespace

bool progress_allowed() {
  const char* ci = std::getenv("CI");
  const bool in_ci = ci != nullptr && *ci != '\0' && std::strcmp(ci, "false") != 0 && std::strcmp(ci, "0") != 0;
  return !in_ci && ::isatty(STDERR_FILENO) == 1;
}

std::string progress_line(const ProgressState& s, int width) {
  const auto limit = static_cast<std::size_t>(std::max(1, width - 1));
  const auto percent = std::clamp(static_cast<int>(std::floor(s.done * 100)), 0, 99);
  std::vector<std::string> parts{fmt::format("{:>2} %", percent), format_time_left(s.seconds_left) + " left", s.label};
  // Which run this is comes last and goes first when the line is too long: the bar and the
  // time left are what a class waits on.
  if (s.warmup) {
    parts.push_back(fmt::format("warm-up {} of {}", s.run, s.runs));
  } else {
    if (s.model_count > 1) parts.push_back(fmt::format("model {} of {}", s.model_number, s.model_count));
    parts.push_back(fmt::format("run {} of {}", s.run, s.runs));
  }
  // The bar's length follows the terminal only, so it does not jump from run to run; the run's
  // place goes first when the words do not fit beside it, then the words are cut.
  const int cells = std::clamp(width - kWordsAt80, kMinBar, kMaxBar);
  const auto text = [&] { return fmt::format("{}", fmt::join(parts, " · ")); };
  const auto bar_width = static_cast<std::size_t>(cells) + 3;  // "[", the cells, "]" and a space
  while (parts.size() > 3 && display_width(text()) + bar_width > limit) parts.pop_back();
  // Under a non-UTF-8 locale the bar is drawn in ASCII (# and -), like the rest of the output.
  return cut_to_width(in_charset(bar(s.done, cells) + " " + text(), terminal_charset()), limit);
}

Progress::Progress(const TimeLeft& time_left)
    : time_left_(time_left), start_(std::chrono::steady_clock::now()), run_start_(start_) {}

Progress::~Progress() {
  if (drawn_) write_stderr(kEraseLine);
}

void Progress::run_started(const RunStart& run) {
  key_ = run.key;
  run_start_ = std::chrono::steady_clock::now();
  state_.label = run.label;
  state_.model_number = run.model_number;
  state_.model_count = run.model_count;
  state_.run = run.run;
  state_.runs = run.runs;
  state_.warmup = run.warmup;
  draw();
}

void Progress::tick() {
  if (drawn_ && std::chrono::steady_clock::now() - last_draw_ >= kRedrawEvery) draw();
}

void Progress::run_finished(const RunStart& /*run*/, const RunSample& /*sample*/) {}

void Progress::draw() {
  last_draw_ = std::chrono::steady_clock::now();
  const double elapsed = std::chrono::duration<double>(last_draw_ - start_).count();
  const double in_run = std::chrono::duration<double>(last_draw_ - run_start_).count();
  state_.seconds_left = time_left_.seconds_left(key_, in_run);
  state_.done = elapsed + state_.seconds_left > 0 ? elapsed / (elapsed + state_.seconds_left) : 0;
  write_stderr(kEraseLine + progress_line(state_, stderr_width()));
  drawn_ = true;
}

}  // namespace concur
