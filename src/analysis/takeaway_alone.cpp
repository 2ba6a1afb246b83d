#include "analysis/takeaway_alone.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "analysis/takeaway_thresholds.hpp"

namespace concur {
namespace {

using takeaway::kAboutOneCore;
using takeaway::kAboutOneTask;
using takeaway::kSomeGain;

// One task's time, the unit the ideal line measures in: back to back is this many tasks of it.
double task_seconds(const ScenarioResult& result) {
  return result.tasks > 0 ? result.back_to_back_s / static_cast<double>(result.tasks) : 0;
}

// The run's wall time in task times: about 1 when every wait overlapped, `tasks` back to back.
double task_times(const ScenarioResult& result, const ModelResult& row) {
  const double t = task_seconds(result);
  return t > 0 ? row.wall_s.median / t : 0;
}

double gain(const ScenarioResult& result, const ModelResult& row) {
  return row.wall_s.median > 0 ? result.back_to_back_s / row.wall_s.median : 0;
}

// "20.0× faster than back to back (2.00 s)", or for a row that gained nothing "0.60× the
// back-to-back time (110.5 ms)": "0.6× faster" would say the opposite of what happened.
std::string against_back_to_back(const ScenarioResult& result, const ModelResult& row) {
  const double g = gain(result, row);
  if (g >= kSomeGain)
    return fmt::format("{:.1f}× faster than back to back ({})", g, seconds_phrase(result.back_to_back_s));
  return fmt::format("{:.2f}× the back-to-back time ({})", g, seconds_phrase(result.back_to_back_s));
}

bool one_thread(const ModelResult& row) { return row.os_threads <= 1 && row.processes <= 1; }

bool overlapped_all(const ScenarioResult& result, const ModelResult& row) {
  return row.max_in_flight >= result.tasks && task_times(result, row) < kAboutOneTask;
}

// What kept a waiting row from finishing in one task's time, read from its numbers.
std::string io_reason(const ScenarioResult& result, const ModelResult& r) {
  if (r.max_in_flight <= 1) {
    if (r.in_flight_cap > 1 && one_thread(r))  // able to overlap, yet did not: a blocking call
      return fmt::format(
          "it could keep {} in flight but kept 1 on its one thread: a blocking call inside each task "
          "held the thread, so no wait overlapped another",
          r.in_flight_cap);
    return "one task at a time, so no wait overlapped another";
  }
  if (r.max_in_flight < result.tasks) {
    const std::int64_t rounds = (result.tasks + r.max_in_flight - 1) / r.max_in_flight;
    return fmt::format("it kept at most {} of {} in flight, so its waits came in {} rounds", r.max_in_flight,
                       result.tasks, rounds);
  }
  // All in flight and still slow: the waits overlapped, but something they share did not.
  return fmt::format(
      "all {} were in flight at once, yet something they share (the disk, the CPU, a busy "
      "machine) set the pace",
      result.tasks);
}

std::string io_alone(const ScenarioResult& result, const ModelResult& r) {
  const std::string ran = fmt::format("{} ran {} tasks of {} each in {}", r.model, result.tasks,
                                      seconds_phrase(task_seconds(result)), seconds_phrase(r.wall_s.median));
  const std::string against = against_back_to_back(result, r);
  if (overlapped_all(result, r))
    return fmt::format(
        "{}, about one task's time ({:.2f}×), on {}: all {} were in flight at once, so their waits "
        "overlapped{} — {}.",
        ran, task_times(result, r), threads_phrase(r), result.tasks,
        one_thread(r) ? ": concurrency without parallelism"
                      : fmt::format(", one {} per waiting task", r.processes > 1 ? "process" : "thread"),
        against);
  return fmt::format("{} ({:.1f} task times) on {}: {} — {}.", ran, task_times(result, r), threads_phrase(r),
                     io_reason(result, r), against);
}

std::string cpu_alone(const ScenarioResult& result, const ModelResult& r, unsigned cores) {
  const std::string ran =
      fmt::format("{} computed {} tasks of {} each in {}, {:.2f}× the back-to-back {}", r.model, result.tasks,
                  seconds_phrase(task_seconds(result)), seconds_phrase(r.wall_s.median), gain(result, r),
                  seconds_phrase(result.back_to_back_s));
  if (r.cpu_utilisation < kAboutOneCore)
    return fmt::format(
        "{}: about one core computed at any moment ({:.2f} busy on {}), so the tasks took turns — "
        "computing gains only from cores working at once.",
        ran, r.cpu_utilisation, threads_phrase(r));
  return fmt::format(
      "{}: {:.1f} of the {} cores computed at once on {} — parallelism, the only thing that speeds "
      "computing up (every core busy: {}).",
      ran, r.cpu_utilisation, cores, threads_phrase(r), seconds_phrase(result.perfect_overlap_s));
}

// "instead of 21", or "instead of 21 processes" when the two count different things.
std::string instead_of(const ModelResult& subject, const ModelResult& other) {
  const bool same_unit = (subject.processes > 1) == (other.processes > 1);
  if (!same_unit) return "instead of " + threads_phrase(other);
  const std::int64_t count = other.processes > 1 ? other.processes : other.os_threads;
  const std::int64_t own = subject.processes > 1 ? subject.processes : subject.os_threads;
  return count == own ? "as did " + other.model : fmt::format("instead of {}", count);
}

}  // namespace

std::string threads_phrase(const ModelResult& row) {
  if (row.processes > 1) return fmt::format("{} processes", row.processes);
  return row.os_threads == 1 ? "1 thread" : fmt::format("{} threads", row.os_threads);
}

std::string seconds_phrase(double seconds) {
  if (seconds >= 1) return fmt::format("{:.2f} s", seconds);
  if (seconds >= 1e-3) return fmt::format("{:.1f} ms", seconds * 1e3);
  return fmt::format("{:.0f} µs", seconds * 1e6);
}

std::string takeaway_alone(const ScenarioResult& result, const ModelResult& row, Bound bound, unsigned cores) {
  if (row.wall_s.median <= 0 || result.tasks <= 0) return {};
  return bound == Bound::cpu ? cpu_alone(result, row, cores) : io_alone(result, row);
}

std::string takeaway_pair(const ScenarioResult& result, const ModelResult& a, const ModelResult& b, Bound bound) {
  // The subject is the faster row; when the two are about as fast, the one that needed less.
  const ModelResult* subject = a.wall_s.median <= b.wall_s.median ? &a : &b;
  const ModelResult* other = subject == &a ? &b : &a;
  const auto cost = [](const ModelResult* r) { return r->os_threads + r->processes; };
  if (other->wall_s.median < kSomeGain * subject->wall_s.median && cost(other) < cost(subject))
    std::swap(subject, other);
  std::string text = fmt::format("{} tasks: {} {:.2f}× {}, on {} {}", result.tasks, subject->model,
                                 other->wall_s.median / subject->wall_s.median, other->model, threads_phrase(*subject),
                                 instead_of(*subject, *other));
  if (bound == Bound::cpu)
    return text + fmt::format(" — {} kept {:.1f} cores busy, {} {:.1f}{}.", subject->model, subject->cpu_utilisation,
                              other->model, other->cpu_utilisation,
                              std::max(subject->cpu_utilisation, other->cpu_utilisation) < kAboutOneCore
                                  ? ": computing on one core at a time gains nothing from concurrency"
                                  : "");
  if (overlapped_all(result, *subject) && overlapped_all(result, *other))
    return text + fmt::format(
                      " — both kept all {} in flight and finished in about one task's time ({:.1f}× and "
                      "{:.1f}× faster than back to back).",
                      result.tasks, gain(result, *subject), gain(result, *other));
  for (const ModelResult* r : {subject, other})
    text += fmt::format("; {} {}: {}", r->model, against_back_to_back(result, *r),
                        overlapped_all(result, *r) ? "every wait overlapped" : io_reason(result, *r));
  return text + ".";
}

}  // namespace concur
