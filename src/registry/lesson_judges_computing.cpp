// The judges of the lessons about computing: parallel cores, the data processes must move, the
// event loop handing work off, Python's lock, and the launch that distribution pays.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "core/counted.hpp"
#include "registry/lesson_rows.hpp"
#include "registry/lesson_verdicts.hpp"

namespace concur {
namespace {

// A parallel gain: the smallest speedup the takeaway calls a real one. Two cores give at most
// 2×; a model that computed on both gets well above this even with some noise.
constexpr double kParallelGain = 1.25;

// No parallel gain: below the same line, a one-thread model's speedup is noise around 1×.
constexpr double kNoGain = 1.25;

// Results that took time to move: the last byte at least this long after the last computation,
// and at least kSlowerMove times as long as the same wait under threads, which move nothing.
constexpr double kNoticeableMoveS = 0.0002;
constexpr double kSlowerMove = 2.0;

// A launch that costs something: at least a tenth of the work it precedes, beyond what two runs
// of one row differ by, so a few milliseconds of launch never pass for the lesson's fixed price.
constexpr double kVisibleLaunch = 0.1;

std::string cores_phrase(const Report& report) { return counted(report.machine.cores, "core"); }

// From the end of a row's last task to the end of its run (its median run, whose records it kept).
double after_last_task_s(const ModelResult& row) {
  std::int64_t last_end = 0;
  for (const TaskRecord& t : row.timeline) last_end = std::max(last_end, t.end_ns);
  return std::max(0.0, row.timeline_wall_s - static_cast<double>(last_end) / 1e9);
}

// The launch of an mpi run, from its note: "launch 412 ms (…)" or "launch 1.20 s (…)". The row's
// wall time starts once every rank is ready, so the note is where the launch is told.
std::optional<double> launch_seconds(std::string_view note) {
  constexpr std::string_view kLaunch = "launch ";
  const auto at = note.find(kLaunch);
  if (at == std::string_view::npos) return std::nullopt;
  const std::string_view rest = note.substr(at + kLaunch.size());
  double value = 0;
  const auto [end, error] = std::from_chars(rest.data(), rest.data() + rest.size(), value);
  if (error != std::errc()) return std::nullopt;
  const std::string_view unit = rest.substr(static_cast<std::size_t>(end - rest.data()));
  if (unit.starts_with(" ms")) return value / 1e3;
  if (unit.starts_with(" s")) return value;
  return std::nullopt;
}

}  // namespace

LessonVerdict judge_computing_needs_cores(const Report& report) {
  const LessonRows rows(report, {"sequential", "thread", "async"});
  if (auto problem = rows.problem()) return *problem;
  const ModelResult& thread = rows["thread"];
  const ModelResult& async = rows["async"];
  std::string what = fmt::format("on {}, against sequential: thread {}", cores_phrase(report), times(thread));
  std::string why;
  if (rows.has("pool")) {
    what += fmt::format(", pool {}", times(rows["pool"]));
    if (rows["pool"].speedup.value_or(0) < kParallelGain) why = fmt::format("pool gained only {}", times(rows["pool"]));
  }
  what += fmt::format(", async {} (one thread computes one task at a time)", times(async));
  if (thread.speedup.value_or(0) < kParallelGain) why = fmt::format("thread gained only {}", times(thread));
  if (async.speedup.value_or(0) >= kNoGain) why = fmt::format("async gained {} on one thread", times(async));
  return verdict(why.empty(), what, why);
}

LessonVerdict judge_moving_data_costs(const Report& report) {
  const LessonRows rows(report, {"thread", "fork"});
  if (auto problem = rows.problem()) return *problem;
  const ModelResult& thread = rows["thread"];
  const ModelResult& fork = rows["fork"];
  if (fork.timeline.empty() || thread.timeline.empty())
    return {.shown = Shown::no, .what = {}, .why = "no task records were kept to time the results by"};
  const double fork_s = after_last_task_s(fork);
  const double thread_s = after_last_task_s(thread);
  std::string what = fmt::format(
      "fork's results were all back {:.2f} ms after its last task ended, thread's {:.2f} ms after (nothing to move)",
      fork_s * 1e3, thread_s * 1e3);
  const bool shown = fork_s >= kNoticeableMoveS && fork_s >= kSlowerMove * thread_s;
  return verdict(shown, what, "moving fork's results took no noticeable time");
}

LessonVerdict judge_offload_computing(const Report& report) {
  const LessonRows rows(report, {"async", "async-offload"});
  if (auto problem = rows.problem()) return *problem;
  const ModelResult& async = rows["async"];
  const ModelResult& offload = rows["async-offload"];
  std::string what = fmt::format("on {}, against sequential: async-offload {} on {}, async {} on 1 thread",
                                 cores_phrase(report), times(offload), place_phrase(offload), times(async));
  std::string why;
  if (offload.speedup.value_or(0) < kParallelGain) why = fmt::format("async-offload gained only {}", times(offload));
  if (async.speedup.value_or(0) >= kNoGain) why = fmt::format("async gained {} on one thread", times(async));
  return verdict(why.empty(), what, why);
}

LessonVerdict judge_python_gil(const Report& report) {
  const LessonRows rows(report, {"py-thread", "py-process"});
  if (auto problem = rows.problem()) return *problem;
  const ModelResult& threads = rows["py-thread"];
  const ModelResult& processes = rows["py-process"];
  std::string what = fmt::format("against a plain Python loop: Python threads {}, Python processes {}", times(threads),
                                 times(processes));
  if (rows.has("thread")) what += fmt::format("; C++ threads {} against a C++ loop", times(rows["thread"]));
  std::string why;
  if (processes.speedup.value_or(0) < kParallelGain) why = fmt::format("py-process gained only {}", times(processes));
  if (threads.speedup.value_or(0) >= kNoGain) why = fmt::format("py-thread gained {}", times(threads));
  return verdict(why.empty(), what, why);
}

LessonVerdict judge_distribution_costs(const Report& report) {
  const LessonRows rows(report, {"sequential", "fork", "mpi"});
  if (auto problem = rows.problem()) return *problem;
  const ModelResult& fork = rows["fork"];
  const ModelResult& mpi = rows["mpi"];
  const std::optional<double> launch_s = launch_seconds(mpi.note);
  if (!launch_s) return {.shown = Shown::no, .what = {}, .why = "the mpi row's note told no launch time"};
  // Counting the launch: what the class waited for from mpirun's start to the results.
  const double with_launch = rows["sequential"].wall_s.median / (mpi.wall_s.median + *launch_s);
  std::string what = fmt::format(
      "on {}, against sequential: mpi {} once its ranks were up, {:.2f}× counting its {:.0f} ms launch; fork {}",
      cores_phrase(report), times(mpi), with_launch, *launch_s * 1e3, times(fork));
  std::string why;
  if (*launch_s < kVisibleLaunch * mpi.wall_s.median || with_launch >= fork.speedup.value_or(0))
    why = "the launch cost mpi nothing against fork";
  if (mpi.speedup.value_or(0) < kParallelGain) why = fmt::format("mpi's ranks gained only {}", times(mpi));
  return verdict(why.empty(), what, why);
}

}  // namespace concur
