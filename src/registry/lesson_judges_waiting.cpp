// The judges of the lessons about waiting: overlap, its price per task, its caps and pitfalls.
#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "core/counted.hpp"
#include "registry/lesson_rows.hpp"
#include "registry/lesson_verdicts.hpp"

namespace concur {
namespace {

// All waits overlapped: one delay, plus what starting the tasks and the timer's lateness cost.
// Half a delay more leaves room for a thousand starts on a slow machine and still tells one
// delay from two.
constexpr double kAboutOneDelay = 1.5;

// Waits that overlapped under a model that may keep them all in flight: well under the two
// delays that two rounds of waits would take.
constexpr double kOverlapped = 1.9;

// Kept "all" tasks in flight: a few may end before the last starts when starting them costs
// more than a wait (a thousand forks against 10 ms), so nine in ten count as all.
constexpr double kAllInFlight = 0.9;

// Costs more: half as much again, beyond what two runs of one model differ by on a busy machine.
constexpr double kCostsMore = 1.5;

// No gain over sequential: below the smallest speedup the takeaway calls a real gain.
constexpr double kNoGain = 1.25;

// Rounds of waits: a pool of w on n waits takes ceil(n / w) delays at best; a run that took
// this share of it did wait in rounds, not all at once.
constexpr double kInRounds = 0.8;

}  // namespace

LessonVerdict judge_concurrency_not_parallelism(const Report& report) {
  const LessonRows rows(report, {"async"});
  if (auto problem = rows.problem()) return *problem;
  const ModelResult& async = rows["async"];
  const ScenarioResult& s = rows.scenario();
  const double d = delays(s, async);
  std::string what =
      fmt::format("async finished {} waits in {:.2f} delays on {} in {} process{}, {} in flight", s.tasks, d,
                  place_phrase(async), async.processes, async.processes == 1 ? "" : "es", async.max_in_flight);
  for (const std::string_view other : {"thread", "fork"})
    if (rows.has(other))
      what += fmt::format("; {} took {:.2f} on {}", other, delays(s, rows[other]), place_phrase(rows[other]));
  std::string why;
  if (async.os_threads != 1 || async.processes != 1) why = "async ran on more than one thread";
  if (static_cast<double>(async.max_in_flight) < kAllInFlight * static_cast<double>(s.tasks))
    why = "async did not keep the waits in flight together";
  if (d > kAboutOneDelay) why = fmt::format("{:.2f} delays is not about one", d);
  return verdict(why.empty(), what, why);
}

LessonVerdict judge_waiting_overlaps(const Report& report) {
  const LessonRows rows(report, {"sequential"});
  if (auto problem = rows.problem()) return *problem;
  const ScenarioResult& s = rows.scenario();
  std::string what =
      fmt::format("{} waits took {:.1f} delays one after another", s.tasks, delays(s, rows["sequential"]));
  std::string why;
  int overlapping = 0;
  for (const ModelResult& row : s.rows) {
    if (row.model == "sequential" || row.in_flight_cap < s.tasks) continue;
    if (!row.verified)
      return {.shown = Shown::no, .what = what, .why = fmt::format("{} failed: {}", row.model, row.failure)};
    ++overlapping;
    const double d = delays(s, row);
    what += fmt::format(", {:.2f} under {}", d, row.model);
    if (d > kOverlapped && why.empty()) why = fmt::format("{} took {:.2f} delays, not about one", row.model, d);
  }
  if (overlapping == 0) why = "no row that overlaps waits was measured";
  return verdict(why.empty(), what, why);
}

LessonVerdict judge_processes_cost_more(const Report& report) {
  const LessonRows rows(report, {"thread", "fork"});
  if (auto problem = rows.problem()) return *problem;
  const ModelResult& thread = rows["thread"];
  const ModelResult& fork = rows["fork"];
  const ScenarioResult& s = rows.scenario();
  const double ratio = thread.cpu_s > 0 ? fork.cpu_s / thread.cpu_s : 0.0;
  std::string what = fmt::format(
      "for the same {} waits fork used {:.1f}× the CPU time of thread ({:.1f} ms against {:.1f} ms) and took {:.1f} "
      "ms against {:.1f} ms",
      s.tasks, ratio, fork.cpu_s * 1e3, thread.cpu_s * 1e3, fork.wall_s.median * 1e3, thread.wall_s.median * 1e3);
  if (rows.has("async")) what += fmt::format("; async {:.1f} ms of CPU on 1 thread", rows["async"].cpu_s * 1e3);
  return verdict(ratio >= kCostsMore, what, fmt::format("fork's CPU time was only {:.2f}× thread's", ratio));
}

LessonVerdict judge_pool_caps_concurrency(const Report& report) {
  const LessonRows rows(report, {"pool"});
  if (auto problem = rows.problem()) return *problem;
  const ModelResult& pool = rows["pool"];
  const ScenarioResult& s = rows.scenario();
  const auto workers = std::max<std::int64_t>(1, pool.workers);
  const double rounds = std::ceil(static_cast<double>(s.tasks) / static_cast<double>(workers));
  std::string what = fmt::format("a pool of {} kept {} of {} waits in flight and took {:.1f} delays ({} rounds)",
                                 workers, pool.max_in_flight, s.tasks, delays(s, pool), rounds);
  if (rows.has("async"))
    what +=
        fmt::format("; async kept {} in flight and took {:.2f}", rows["async"].max_in_flight, delays(s, rows["async"]));
  std::string why;
  if (pool.max_in_flight > workers) why = "the pool kept more tasks in flight than it has workers";
  if (pool.max_in_flight >= s.tasks) why = "there were no more tasks than workers: nothing to queue";
  if (delays(s, pool) < kInRounds * rounds) why = "the pool did not wait in rounds";
  return verdict(why.empty(), what, why);
}

LessonVerdict judge_blocking_stalls_the_loop(const Report& report) {
  const LessonRows rows(report, {"async-blocking"});
  if (auto problem = rows.problem()) return *problem;
  const ModelResult& blocking = rows["async-blocking"];
  const ScenarioResult& s = rows.scenario();
  std::string what =
      fmt::format("async-blocking kept {} in flight and took {:.1f} delays for {} waits ({})",
                  counted(blocking.max_in_flight, "task"), delays(s, blocking), s.tasks, times(blocking));
  if (rows.has("async"))
    what += fmt::format("; async took {:.2f} ({})", delays(s, rows["async"]), times(rows["async"]));
  std::string why;
  if (blocking.max_in_flight != 1) why = "async-blocking kept more than one task in flight";
  if (blocking.speedup && *blocking.speedup >= kNoGain) why = "async-blocking was faster than sequential";
  if (rows.has("async") && delays(s, rows["async"]) > kOverlapped) why = "async itself did not overlap its waits";
  return verdict(why.empty(), what, why);
}

LessonVerdict judge_coroutines_pause_and_resume(const Report& report) {
  const LessonRows rows(report, {"async"});
  if (auto problem = rows.problem()) return *problem;
  const ModelResult& async = rows["async"];
  const ScenarioResult& s = rows.scenario();
  const bool together = async.max_in_flight == s.tasks;
  std::string what =
      fmt::format("async had {} of {} tasks waiting at once ({}) and took {:.2f} delays", async.max_in_flight, s.tasks,
                  together ? "One One One Two Two Two" : "not all", delays(s, async));
  std::string why;
  if (!together) why = "async did not keep all three waits in flight";
  if (delays(s, async) > kAboutOneDelay) why = fmt::format("async took {:.2f} delays, not about one", delays(s, async));
  if (rows.has("sequential")) {
    const ModelResult& sequential = rows["sequential"];
    what += fmt::format("; sequential ran them one by one (One Two One Two One Two) in {:.2f}", delays(s, sequential));
    if (sequential.max_in_flight != 1) why = "sequential kept more than one task in flight";
  }
  return verdict(why.empty(), what, why);
}

}  // namespace concur
