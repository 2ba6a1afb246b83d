#include "measure/live_view.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include <fmt/format.h>

#include "analysis/stats.hpp"
#include "measure/proc_state.hpp"
#include "measure/progress.hpp"
#include "report/units.hpp"
#include "sys/terminal_restore.hpp"

namespace concur {
namespace {

using Clock = std::chrono::steady_clock;

// About 20 frames a second: the runner ticks every 50 ms; a little slack keeps every tick a frame.
constexpr std::chrono::milliseconds kFrameEvery{45};
// A look reads the state of at most this many threads; the others keep the state last read. A
// thousand threads read twenty times a second would cost the measured run a core's worth.
constexpr std::size_t kThreadReadsPerFrame = 32;
constexpr int kMinColumns = 40;
constexpr int kMinLines = 12;
// Enter the alternate screen, hide the cursor, clear; leave: show it, back to the normal screen.
constexpr std::string_view kEnter = "\x1b[?1049h\x1b[?25l\x1b[H\x1b[2J";
constexpr std::string_view kLeave = "\x1b[?25h\x1b[?1049l";
// The lanes' time axis starts at the expected time of the run and grows by this much when the run
// outlasts it (so a slow run is visibly longer than a fast one, and the lanes never run off).
constexpr double kGrowBy = 1.3;
constexpr double kFirstRunMargin = 1.15;
// No task has shown up this long into a run: its tasks report only when it ends (other processes).
constexpr double kQuietRunS = 0.25;
// Reading a thread's CPU clock at every start, pause and end of a task costs about 2 µs a task
// (measured at 100,000 async tasks). The tasks record their CPU times for the view only while that
// stays under half a percent of the run's ideal time; beyond, the view tells computing from
// waiting by the state of the tasks' threads alone.
constexpr double kCpuClockCostS = 2e-6;
constexpr double kCpuClockShare = 0.005;

void write_out(std::string_view text) {
  while (!text.empty()) {
    const ssize_t n = ::write(STDOUT_FILENO, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // the terminal went away: the tool will notice when it writes the report
    text.remove_prefix(static_cast<std::size_t>(n));
  }
}

std::pair<int, int> terminal_size() {
  winsize size{};
  if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0 && size.ws_row > 0)
    return {size.ws_col, size.ws_row};
  return {80, 24};
}

std::string scenario_title(const RunStart& run) {
  std::string line =
      fmt::format("{} — {} · {} tasks", run.scenario_name, run.scenario->title(), run.scenario->work().size());
  for (const Param& p : run.scenario->params()) line += fmt::format(" · {} {}", param_label(p.key), p.display);
  return single_line(line);
}

std::string ideal_line(const Scenario& scenario, std::int64_t cores) {
  const double task_s = std::chrono::duration<double>(scenario.task_time()).count();
  const auto tasks = static_cast<double>(scenario.work().size());
  const double overlap = scenario.bound() == Bound::io
                             ? task_s
                             : std::ceil(tasks / static_cast<double>(std::max<std::int64_t>(1, cores))) * task_s;
  return fmt::format("ideal: back to back {} · perfect overlap {}", format_seconds(tasks * task_s),
                     format_seconds(overlap));
}

}  // namespace

std::string live_refusal() {
  if (::isatty(STDOUT_FILENO) != 1)
    return "--live draws the tasks on the terminal, and standard output is not one (run it in a terminal, or "
           "drop --live)";
  const char* term = std::getenv("TERM");
  if (term == nullptr || *term == '\0' || std::strcmp(term, "dumb") == 0)
    return "--live needs a terminal that can move its cursor, and TERM says this one cannot";
  const auto [columns, lines] = terminal_size();
  if (columns < kMinColumns || lines < kMinLines)
    return fmt::format("--live needs a terminal of at least {} × {} characters; this one is {} × {}", kMinColumns,
                       kMinLines, columns, lines);
  return {};
}

std::string live_refusal(std::string_view scenario, std::size_t tasks) {
  if (tasks > kLiveMaxTasks)
    return fmt::format("--live draws at most {} tasks a run, and {} has {} (drop --live, or give fewer --tasks)",
                       kLiveMaxTasks, scenario, tasks);
  return live_refusal();
}

LiveView::LiveView(const TimeLeft& time_left, std::int64_t cores)
    : time_left_(time_left), cores_(std::max<std::int64_t>(1, cores)), session_start_(Clock::now()) {
  // Typed keys would otherwise be echoed into the picture; Ctrl-C still interrupts.
  if (::tcgetattr(STDOUT_FILENO, &saved_) == 0) {
    have_termios_ = true;
    termios quiet = saved_;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDOUT_FILENO, TCSANOW, &quiet);
  }
  set_terminal_restore(STDOUT_FILENO, have_termios_ ? &saved_ : nullptr, kLeave);
  write_out(kEnter);
}

LiveView::~LiveView() {
  write_out(kLeave);
  if (have_termios_) ::tcsetattr(STDOUT_FILENO, TCSANOW, &saved_);
  clear_terminal_restore();
}

void LiveView::run_started(const RunStart& run) {
  if (run.scenario != scenario_) {
    scenario_ = run.scenario;
    models_.assign(run.model_count, {});
  }
  models_.resize(std::max(models_.size(), run.model_count));
  models_[run.model_number - 1].name = std::string(run.model->name);
  run_ = run;
  run_start_ = Clock::now();
  const bool cpu_times = static_cast<double>(run.tasks) * kCpuClockCostS <= kCpuClockShare * run.ideal_s;
  shared_ = std::make_unique<SharedRecords>(run.tasks, cpu_times);
  const bool cores_line = run.scenario->bound() == Bound::cpu;
  layout_ = plan_live_layout(models_.size(), run.tasks, cores_line ? 2 : 1, terminal_size().second);
  lanes_.emplace(run.tasks, choose_lane_mode(run.tasks, layout_.lane_lines, run.parallel), layout_.lane_lines);
  // The time axis: what this model's runs took so far, else what the estimate expects.
  const ModelRuns& earlier = models_[run.model_number - 1];
  const double expected = !run.warmup && !earlier.walls.empty()
                              ? *std::max_element(earlier.walls.begin(), earlier.walls.end())
                              : std::max(run.ideal_s, time_left_.expected_run_s(run.key));
  scale_ns_ = std::max<std::int64_t>(1'000'000, static_cast<std::int64_t>(expected * kFirstRunMargin * 1e9));
  thread_running_.clear();
  last_cpu_s_.reset();
  frame();
}

void LiveView::tick() {
  if (Clock::now() - last_frame_ >= kFrameEvery) frame();
}

void LiveView::run_finished(const RunStart& run, const RunSample& sample) {
  if (!run.warmup) {
    ModelRuns& m = models_[run.model_number - 1];
    m.walls.push_back(sample.record.wall_s);
    m.failed = m.failed || !sample.failure.empty() || !sample.record.verified;
    m.in_flight = std::max(m.in_flight, sample.record.max_in_flight);
    m.threads = std::max(m.threads, sample.record.os_threads);
    m.processes = std::max(m.processes, sample.record.processes);
  }
  // The last look, at the records as the run left them: every lane complete.
  if (shared_ && lanes_) look(static_cast<std::int64_t>(sample.record.wall_s * 1e9));
  frame();
  shared_.reset();
}

void LiveView::look(std::int64_t now_ns) {
  shared_->snapshot(snapshot_);
  lanes_->observe(snapshot_, now_ns, [this](const TaskRecord& r) { return computing(r); });
  const std::int32_t pid = shared_->process();
  const std::optional<double> cpu = pid > 0 ? process_cpu_seconds(pid) : std::nullopt;
  if (cpu && last_cpu_s_ && now_ns > last_cpu_ns_)
    lanes_->observe_cores(now_ns, (*cpu - *last_cpu_s_) / (static_cast<double>(now_ns - last_cpu_ns_) / 1e9));
  if (cpu) {
    last_cpu_s_ = cpu;
    last_cpu_ns_ = now_ns;
  }
}

// A running task computes when it is in a running stretch of its own (not paused at an await)
// and its thread is on a CPU, or when it resumed after a pause (offloaded work resumes on a pool
// thread its record does not name yet). Without CPU times, its thread's state alone decides.
bool LiveView::computing(const TaskRecord& r) {
  if (shared_->cpu_times()) {
    if (r.cpu_ns >= 0) return false;  // paused: a running stretch holds a negative offset
    if (r.pid != 0 && r.resumed_ns > r.start_ns) return true;
  }
  if (r.pid == 0 || r.tid == 0) return false;
  auto it = thread_running_.find(r.tid);
  if (it != thread_running_.end() && it->second.first == frame_number_) return it->second.second;
  if (reads_this_frame_ >= kThreadReadsPerFrame) return it != thread_running_.end() && it->second.second;
  ++reads_this_frame_;
  const bool running = thread_running(r.pid, r.tid).value_or(false);
  thread_running_[r.tid] = {frame_number_, running};
  return running;
}

void LiveView::frame() {
  ++frame_number_;
  reads_this_frame_ = 0;
  const auto [width, height] = terminal_size();
  std::int64_t now_ns = 0;
  if (shared_ && lanes_)
    if (const auto origin = shared_->origin()) {
      now_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - *origin).count();
      look(now_ns);
    }
  if (static_cast<double>(now_ns) > 0.95 * static_cast<double>(scale_ns_))
    scale_ns_ = static_cast<std::int64_t>(static_cast<double>(now_ns) * kGrowBy);
  const std::vector<std::string> lines = compose_live_screen(screen(now_ns, width), layout_, width, height);
  std::string out = "\x1b[H";
  for (std::size_t i = 0; i < lines.size(); ++i) {
    out += i == 0 ? fmt::format("\x1b[1m{}\x1b[0m", lines[i]) : lines[i];
    out += i + 1 < lines.size() ? "\x1b[K\r\n" : "\x1b[K";
  }
  write_out(out + "\x1b[J");
  last_frame_ = Clock::now();
}

LiveScreen LiveView::screen(std::int64_t now_ns, int width) const {
  const double in_run_s = std::chrono::duration<double>(Clock::now() - run_start_).count();
  LiveScreen s;
  s.title = scenario_title(run_);
  s.ideal = ideal_line(*run_.scenario, cores_);
  std::size_t name_width = 0;
  for (const ModelRuns& m : models_) name_width = std::max(name_width, display_width(m.name));
  std::vector<std::string> done;
  for (std::size_t m = 0; m < models_.size(); ++m) {
    s.rows.push_back(row_text(m, name_width, in_run_s));
    if (m + 1 != run_.model_number && !models_[m].walls.empty())
      done.push_back(fmt::format("{} {} {}", models_[m].name, format_seconds(median(models_[m].walls)),
                                 models_[m].failed ? "✗" : "✓"));
  }
  s.now = fmt::format("→ {} · {} {} of {} · {}", run_.model->name, run_.warmup ? "warm-up" : "run", run_.run, run_.runs,
                      format_seconds(in_run_s));
  s.done = fmt::format("{}", fmt::join(done, " · "));
  s.note = lanes_note(in_run_s);
  s.lanes = lanes_->draw(width, scale_ns_, cores_, run_.scenario->bound() == Bound::cpu);
  (void)now_ns;
  s.status = status(width);
  return s;
}

std::string LiveView::row_text(std::size_t m, std::size_t name_width, double in_run_s) const {
  const ModelRuns& r = models_[m];
  const std::string name = pad(r.name.empty() ? "…" : r.name, name_width);
  if (m + 1 == run_.model_number)
    return fmt::format("→ {}  {} {} of {} · {}", name, run_.warmup ? "warm-up" : "run", run_.run, run_.runs,
                       format_seconds(in_run_s));
  if (r.walls.empty()) return fmt::format("  {}  waiting", name);
  const std::string place =
      r.processes > 1 ? fmt::format("{} processes", r.processes) : fmt::format("{} threads", r.threads);
  return fmt::format("  {}  {:>9}  {}  {} in flight · {} · {} of {} runs", name, format_seconds(median(r.walls)),
                     r.failed ? "✗" : "✓", r.in_flight, place, r.walls.size(), run_.runs);
}

std::string LiveView::lanes_note(double in_run_s) const {
  if (lanes_->started() == 0 && in_run_s > kQuietRunS)
    return "  no task has reported yet: tasks in processes of their own send their records when they end";
  return "  █ computing · ░ waiting · blank idle · the lanes fill in as the tasks run";
}

std::string LiveView::status(int width) const {
  const double elapsed = std::chrono::duration<double>(Clock::now() - session_start_).count();
  const double in_run = std::chrono::duration<double>(Clock::now() - run_start_).count();
  ProgressState state{.done = 0,
                      .seconds_left = time_left_.seconds_left(run_.key, in_run),
                      .label = run_.label,
                      .model_number = run_.model_number,
                      .model_count = run_.model_count,
                      .run = run_.run,
                      .runs = run_.runs,
                      .warmup = run_.warmup};
  state.done = elapsed + state.seconds_left > 0 ? elapsed / (elapsed + state.seconds_left) : 0;
  return progress_line(state, width);
}

}  // namespace concur
