// --live: while each model runs, the terminal shows its tasks as they start, wait, compute and
// finish. The measuring process writes its task records into memory shared with the tool
// (SharedRecords) and does nothing else for the view; the tool looks at them about twenty times a
// second, asks /proc which of the running tasks' threads are on a CPU, and redraws the whole
// screen in place on the terminal's alternate screen. When a run ends its lanes become that
// model's row; when the measuring ends the terminal gets its own screen back and the report is
// printed there as usual. On Ctrl-C the interrupt handler gives the terminal back first.
#pragma once

#include <termios.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "measure/session_display.hpp"
#include "measure/shared_records.hpp"
#include "measure/time_left.hpp"
#include "report/live/live_lanes.hpp"
#include "report/live/live_screen.hpp"

namespace concur {

/// The most tasks a live run draws: beyond, copying every record twenty times a second would cost
/// the measured run more than the view is worth (a screen holds a few dozen lanes anyway).
inline constexpr std::size_t kLiveMaxTasks = 100'000;

/// Why the live view cannot draw here, in one line (standard output is not a terminal, the
/// terminal cannot move its cursor or is too small); empty when it can.
std::string live_refusal();

/// Why the live view cannot draw the `tasks` tasks of scenario `scenario`, with everything
/// live_refusal() checks; empty when it can.
std::string live_refusal(std::string_view scenario, std::size_t tasks);

/// The live view of a measuring session, on the terminal that standard output is.
class LiveView final : public SessionDisplay {
 public:
  /// Takes the terminal over (alternate screen, cursor hidden, echo off); `cores` is the height
  /// of the "cores busy" line.
  LiveView(const TimeLeft& time_left, std::int64_t cores);
  /// Gives the terminal back as it was.
  ~LiveView() override;
  LiveView(const LiveView&) = delete;
  LiveView& operator=(const LiveView&) = delete;

  /// Maps the memory the run's tasks will write their records into, and draws.
  void run_started(const RunStart& run) override;
  /// Looks at the records and redraws, about twenty times a second.
  void tick() override;
  /// The run's last look; its numbers join its model's row.
  void run_finished(const RunStart& run, const RunSample& sample) override;
  /// The memory of the run announced last.
  [[nodiscard]] const SharedRecords* shared_records() const override { return shared_.get(); }

 private:
  struct ModelRuns {
    std::string name;
    std::vector<double> walls;
    bool failed = false;
    std::int64_t in_flight = 0;
    std::int64_t threads = 0;
    std::int64_t processes = 0;
  };
  void frame();
  void look(std::int64_t now_ns);
  bool computing(const TaskRecord& r);
  [[nodiscard]] LiveScreen screen(std::int64_t now_ns, int width) const;
  [[nodiscard]] std::string row_text(std::size_t m, std::size_t name_width, double in_run_s) const;
  [[nodiscard]] std::string lanes_note(double in_run_s) const;
  [[nodiscard]] std::string status(int width) const;

  const TimeLeft& time_left_;
  std::int64_t cores_;
  termios saved_{};
  bool have_termios_ = false;
  std::chrono::steady_clock::time_point session_start_;
  // The scenario being measured, and its models' runs so far.
  const Scenario* scenario_ = nullptr;
  std::vector<ModelRuns> models_;
  // The run being measured.
  RunStart run_;
  std::unique_ptr<SharedRecords> shared_;
  std::optional<LiveLanes> lanes_;
  LiveLayout layout_;
  std::int64_t scale_ns_ = 1;
  std::chrono::steady_clock::time_point run_start_;
  std::chrono::steady_clock::time_point last_frame_;
  std::vector<TaskRecord> snapshot_;
  // The looks at /proc: a thread's state read at most once a frame, and only so many a frame.
  std::size_t frame_number_ = 0;
  std::size_t reads_this_frame_ = 0;
  std::map<std::int32_t, std::pair<std::size_t, bool>> thread_running_;  // tid → (frame read, running)
  std::optional<double> last_cpu_s_;
  std::int64_t last_cpu_ns_ = 0;
};

}  // namespace concur
