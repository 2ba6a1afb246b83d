// The progress line on stderr for runs long enough to make people wonder (over 2 s expected): a
// bar, the model k of n, the run k of n and the time left, estimated from the scenarios' ideal
// times and the runs measured so far. Only on a terminal and outside CI, so pipes and logs stay
// clean; erased when the measuring is done, so the report starts on a clean line.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "measure/session_display.hpp"
#include "measure/time_left.hpp"

namespace concur {

/// Sessions expected to take longer than this get a progress line.
inline constexpr double kProgressAfterSeconds = 2.0;

/// Whether a progress line may be drawn at all: stderr is a terminal and CI is not set.
bool progress_allowed();

/// What one drawing of the progress line says.
struct ProgressState {
  double done = 0;               ///< share of the session's time done, 0 to 1
  double seconds_left = 0;       ///< estimated time left
  std::string label;             ///< "sleep · thread"
  std::size_t model_number = 1;  ///< the model's place among the scenario's models, from 1
  std::size_t model_count = 1;   ///< models on the scenario
  std::int64_t run = 1;          ///< round or warm-up number, from 1
  std::int64_t runs = 1;         ///< rounds or warm-ups in all
  bool warmup = false;           ///< a warm-up run
};

/// The line for a terminal `width` columns wide, never wider than width − 1 (a full line would
/// wrap on some terminals and break the redraw in place): the bar and the time left first, then
/// what runs; what does not fit is cut from the end.
std::string progress_line(const ProgressState& state, int width);

/// One line on stderr, redrawn in place at most five times a second and erased at the end.
class Progress final : public SessionDisplay {
 public:
  /// Reads the estimate from `time_left`, which the runner keeps up to date.
  explicit Progress(const TimeLeft& time_left);
  /// Erases the line.
  ~Progress() override;
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;
  /// Draws the line for the new run.
  void run_started(const RunStart& run) override;
  /// Redraws the bar and the time left.
  void tick() override;
  /// Nothing to do: the next run redraws.
  void run_finished(const RunStart& run, const RunSample& sample) override;

 private:
  void draw();
  const TimeLeft& time_left_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point run_start_;
  std::chrono::steady_clock::time_point last_draw_;
  std::string key_;
  ProgressState state_;
  bool drawn_ = false;
};

}  // namespace concur
