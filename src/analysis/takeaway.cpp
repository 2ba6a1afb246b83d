#include "analysis/takeaway.hpp"

#include <algorithm>
#include <vector>

#include <fmt/format.h>

namespace concur {
namespace {

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
    if (bound == Bound::cpu && r->os_threads > r->processes + 1 && *r->speedup < 1.25 &&
        r->cpu_s < 1.3 * r->wall_s.median)
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
  // "Fast" = within 80 % of the best; "slow" = less than 1.25× sequential, i.e. no real gain.
  std::vector<std::string> fast, slow;
  bool gained_something = false;  // a slow row between 1.1× and 1.25× gained little, not nothing
  const ModelResult* cheapest = nullptr;
  for (const auto* r : rows) {
    if (r->model == r->baseline) continue;
    if (*r->speedup >= 0.8 * *best->speedup && *r->speedup >= 1.25) {
      fast.push_back(fmt::format("{} {:.1f}×{} on {}", r->model, *r->speedup, against(*r), threads_phrase(*r)));
      if (cheapest == nullptr || r->os_threads + r->processes < cheapest->os_threads + cheapest->processes)
        cheapest = r;
    } else if (*r->speedup < 1.25) {
      slow.push_back(fmt::format("{} {:.2f}×{}", r->model, *r->speedup, against(*r)));
      gained_something = gained_something || *r->speedup >= 1.1;
    }
  }
  if (fast.empty())
    return fmt::format("no model beat sequential by 1.25× here (best: {} {:.2f}×){}.", best->model, *best->speedup,
                       pitfalls(bound, rows));
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
      return *r->speedup >= 1.25 || r->model == r->baseline || r->os_threads == 1;
    });
    if (bound == Bound::cpu && one_thread_each) text += " (computing on one thread cannot overlap)";
  }
  // A capped model explains itself through its in-flight column: a pool of 2 on 20 waits.
  for (const auto* r : rows)
    if (bound == Bound::io && r->max_in_flight > 1 && r->max_in_flight < result.tasks / 2 &&
        *r->speedup < 0.8 * *best->speedup)
      text += fmt::format("; {} kept at most {} in flight, so its waits came in {} rounds ({:.1f}×)", r->model,
                          r->max_in_flight, (result.tasks + r->max_in_flight - 1) / r->max_in_flight, *r->speedup);
  return text + pitfalls(bound, rows) + ".";
}

}  // namespace concur
