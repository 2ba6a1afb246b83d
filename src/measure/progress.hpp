// A progress line on stderr for runs long enough to make people wonder (over 2 s expected):
// model, run k of n, elapsed. Only on a terminal and outside CI, so pipes and logs stay clean.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace concur {

/// Runs expected to take longer than this get a progress line.
inline constexpr double kProgressAfterSeconds = 2.0;

/// Whether a progress line may be drawn at all: stderr is a terminal and CI is not set.
bool progress_allowed();

/// One line on stderr, redrawn in place and erased when the measuring is done.
class Progress {
 public:
  /// Draws only when `enabled`; `enabled` should come from progress_allowed() and the estimate.
  explicit Progress(bool enabled);
  /// Erases the line.
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;
  /// A new run begins: `what` names it ("sleep · thread"), it is run `k` of `n`.
  void run_started(std::string_view what, std::int64_t k, std::int64_t n);
  /// Redraws the elapsed time (at most a few times a second).
  void tick();

 private:
  void draw();
  bool enabled_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
  std::string label_;
};

}  // namespace concur
