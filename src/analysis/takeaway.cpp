#include "analysis/takeaway.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

#include <fmt/format.h>

namespace concur {
namespace {

// A speedup below this is no real gain: the runs of one row may spread over up to 20 % of their
// median before the row counts as noisy (kNoisyRangeShare), so a smaller ratio between two
// rows may be that spread alone.
constexpr double kRealGain = 1.25;

// Below kRealGain but at least this much: the row gained little rather than nothing. Half-way
// to kRealGain, and above the few per cent a quiet machine varies by.
constexpr double kSomeGain = 1.1;

// Rows within this share of the best speedup count as fast together: among rows that close,
// which one came first depends on the run, so naming only the winner would mislead.
constexpr double kNearBest = 0.8;

// CPU time below this multiple of wall time means about one core computed at any moment: two
// cores computing together would show close to 2; the margin above 1 leaves room for the
// process's other threads and for jitter.
constexpr double kAboutOneCore = 1.3;

// A model that kept fewer than tasks / kCapDivisor in flight ran its waits in three rounds or
// more, worth a sentence; at half the tasks (two rounds) the speedup column says enough.
constexpr std::int64_t kCapDivisor = 2;

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += i + 1 == parts.size() ? " and " : ", ";
    out += parts[i];
  }
  return out;
}

std::string threads_phrase(const ModelResult& r) {
  if (r.processes > 1) return fmt::format("{} processes", r.processes);
  return r.os_threads == 1 ? "1 thread" : fmt::format("{} threads", r.os_threads);
}

// A row measured against another baseline than sequential says so (Python rows: py-sequential).
std::string against(const ModelResult& r) {
  return r.baseline.empty() || r.baseline == "sequential" ? std::string() : fmt::format(" (vs {})", r.baseline);
}

// Pitfalls read from the numbers rather than from the model's name, so a real model that falls
// into one is called out too.
std::string pitfalls(Bound bound, const std::vector<const ModelResult*>& rows) {
  std::string text;
  for (const auto* r : rows) {
    // Able to keep many tasks in flight, yet one at a time on a single thread: something in the
    // tasks held that thread while they waited.
    if (bound == Bound::io && r->in_flight_cap > 1 && r->max_in_flight == 1 && r->os_threads == 1 &&
        r->processes == 1 && r->model != r->baseline)
      text += fmt::format(
          "; {} could keep {} tasks in flight but kept 1 on its one thread: a blocking call inside "
          "each task held the thread, so no other task could start its wait ({:.2f}×)",
          r->model, r->in_flight_cap, *r->speedup);
    // Several threads, about one core's worth of CPU time: the threads computed in turns.
    if (bound == Bound::cpu && r->os_threads > r->processes + 1 && *r->speedup < kRealGain &&
        r->cpu_s < kAboutOneCore * r->wall_s.median)
      text += fmt::format(
          "; {} ran {} threads, yet its CPU time ({:.2f} s) was no more than about its wall time "
          "({:.2f} s): about one core at most computed for it at any moment",
          r->model, r->os_threads - 1, r->cpu_s, r->wall_s.median);
  }
  return text;
}

}  // namespace

std::string compute_takeaway(const ScenarioResult& result, Bound bound, unsigned cores) {
  std::vector<const ModelResult*> rows;
  for (const auto& r : result.rows)
    if (r.verified && r.speedup) rows.push_back(&r);
  if (rows.size() < 2) return {};
  const auto best = *std::max_element(rows.begin(), rows.end(),
                                      [](const auto* a, const auto* b) { return *a->speedup < *b->speedup; });
  // "Fast" = near the best and a real gain; "slow" = no real gain over the baseline.
  std::vector<std::string> fast, slow;
  bool gained_something = false;  // a slow row of at least kSomeGain gained little, not nothing
  const ModelResult* cheapest = nullptr;
  for (const auto* r : rows) {
    if (r->model == r->baseline) continue;
    if (*r->speedup >= kNearBest * *best->speedup && *r->speedup >= kRealGain) {
      fast.push_back(fmt::format("{} {:.1f}×{} on {}", r->model, *r->speedup, against(*r), threads_phrase(*r)));
      if (cheapest == nullptr || r->os_threads + r->processes < cheapest->os_threads + cheapest->processes)
        cheapest = r;
    } else if (*r->speedup < kRealGain) {
      slow.push_back(fmt::format("{} {:.2f}×{}", r->model, *r->speedup, against(*r)));
      gained_something = gained_something || *r->speedup >= kSomeGain;
    }
  }
  if (fast.empty())
    return fmt::format("no model beat sequential by {}× here (best: {} {:.2f}×){}.", kRealGain, best->model,
                       *best->speedup, pitfalls(bound, rows));
  const bool other_baselines =
      std::any_of(rows.begin(), rows.end(), [](const auto* r) { return !against(*r).empty(); });
  std::string text =
      fmt::format("{} tasks: {} beat {}", result.tasks, join(fast), other_baselines ? "their baselines" : "sequential");
  if (bound == Bound::io && cheapest != nullptr && cheapest->os_threads == 1 && cheapest->processes == 1)
    text +=
        fmt::format(" — {} overlapped all its waits on one thread: concurrency without parallelism", cheapest->model);
  else if (bound == Bound::cpu)
    text += fmt::format(" — only models running on several of the {} cores at once gained", cores);
  if (!slow.empty()) {
    text += fmt::format("; {} gained {}", join(slow), gained_something ? "little" : "nothing");
    const bool one_thread_each = std::all_of(rows.begin(), rows.end(), [&](const auto* r) {
      return *r->speedup >= kRealGain || r->model == r->baseline || r->os_threads == 1;
    });
    if (bound == Bound::cpu && one_thread_each) text += " (computing on one thread cannot overlap)";
  }
  // A capped model explains itself through its in-flight column: a pool of 2 on 20 waits.
  for (const auto* r : rows)
    if (bound == Bound::io && r->max_in_flight > 1 && r->max_in_flight < result.tasks / kCapDivisor &&
        *r->speedup < kNearBest * *best->speedup)
      text += fmt::format("; {} kept at most {} in flight, so its waits came in {} rounds ({:.1f}×)", r->model,
                          r->max_in_flight, (result.tasks + r->max_in_flight - 1) / r->max_in_flight, *r->speedup);
  return text + pitfalls(bound, rows) + ".";
}

}  // namespace concur
