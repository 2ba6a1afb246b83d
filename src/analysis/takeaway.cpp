#include "analysis/takeaway.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

#include <fmt/format.h>

#include "analysis/speedup_basis.hpp"
#include "analysis/takeaway_alone.hpp"
#include "analysis/takeaway_thresholds.hpp"

namespace concur {
namespace {

using takeaway::kAboutOneCore;
using takeaway::kCapDivisor;
using takeaway::kNearBest;
using takeaway::kRealGain;
using takeaway::kSomeGain;

// A verified row and its factor on the scenario's basis (its speedup, or the ideal's ratio).
struct Judged {
  const ModelResult* row;
  double gain;
};

// What the factors of one scenario are measured against, in words.
struct Yardstick {
  SpeedupBasis basis;
  [[nodiscard]] std::string beaten(bool other_baselines) const {
    if (basis == SpeedupBasis::ideal) return "were fastest against the back-to-back time";
    return other_baselines ? "beat their baselines" : "beat sequential";
  }
  [[nodiscard]] std::string against() const {
    return basis == SpeedupBasis::ideal ? "the back-to-back time" : "sequential";
  }
};

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += i + 1 == parts.size() ? " and " : ", ";
    out += parts[i];
  }
  return out;
}

// A row measured against another baseline than sequential says so (Python rows: py-sequential).
std::string against(const ModelResult& r, SpeedupBasis basis) {
  return basis == SpeedupBasis::ideal || r.baseline.empty() || r.baseline == "sequential"
             ? std::string()
             : fmt::format(" (vs {})", r.baseline);
}

bool is_baseline(const ModelResult& r, SpeedupBasis basis) {
  return basis == SpeedupBasis::baseline && r.model == r.baseline;
}

// Pitfalls read from the numbers rather than from the model's name, so a real model that falls
// into one is called out too.
std::string pitfalls(Bound bound, const std::vector<Judged>& rows, SpeedupBasis basis) {
  std::string text;
  for (const auto& [r, gain] : rows) {
    // Able to keep many tasks in flight, yet one at a time on a single thread: something in the
    // tasks held that thread while they waited.
    if (bound == Bound::io && r->in_flight_cap > 1 && r->max_in_flight == 1 && r->os_threads == 1 &&
        r->processes == 1 && !is_baseline(*r, basis))
      text += fmt::format(
          "; {} could keep {} tasks in flight but kept 1 on its one thread: a blocking call inside "
          "each task held the thread, so no other task could start its wait ({:.2f}×)",
          r->model, r->in_flight_cap, gain);
    // Several threads, about one core's worth of CPU time: the threads computed in turns.
    if (bound == Bound::cpu && r->os_threads > r->processes + 1 && gain < kRealGain &&
        r->cpu_s < kAboutOneCore * r->wall_s.median)
      text += fmt::format(
          "; {} ran {} threads, yet its CPU time ({:.2f} s) was no more than about its wall time "
          "({:.2f} s): about one core at most computed for it at any moment",
          r->model, r->os_threads - 1, r->cpu_s, r->wall_s.median);
  }
  return text;
}

// A capped model explains itself through its in-flight column: a pool of 2 on 20 waits.
std::string caps(const ScenarioResult& result, Bound bound, const std::vector<Judged>& rows, double best) {
  std::string text;
  for (const auto& [r, gain] : rows)
    if (bound == Bound::io && r->max_in_flight > 1 && r->max_in_flight < result.tasks / kCapDivisor &&
        gain < kNearBest * best)
      text += fmt::format("; {} kept at most {} in flight, so its waits came in {} rounds ({:.1f}×)", r->model,
                          r->max_in_flight, (result.tasks + r->max_in_flight - 1) / r->max_in_flight, gain);
  return text;
}

// Several rows computing on one core: none can gain, so a factor above 1× is named for what it is
// (a slow run of the baseline) rather than praised as parallelism.
std::string one_core(const ScenarioResult& result, const std::vector<Judged>& rows, SpeedupBasis basis) {
  std::vector<std::string> factors, noise;
  for (const auto& [r, gain] : rows) {
    if (is_baseline(*r, basis)) continue;
    factors.push_back(fmt::format("{} {:.2f}×{}", r->model, gain, against(*r, basis)));
    if (gain >= kRealGain) noise.push_back(fmt::format("{}'s {:.2f}×", r->model, gain));
  }
  std::string text = fmt::format(
      "{} tasks on 1 core: {} against {} — one core computes one task at a time, so no "
      "model can gain here",
      result.tasks, join(factors), Yardstick{basis}.against());
  if (!noise.empty()) text += fmt::format("; {} is the runs' noise, not parallel work", join(noise));
  return text + ".";
}

// Several rows: which gained (near the best, a real gain), which did not, and why.
std::string several(const ScenarioResult& result, Bound bound, unsigned cores, const std::vector<Judged>& rows,
                    SpeedupBasis basis) {
  const Yardstick yardstick{basis};
  const double best = std::max_element(rows.begin(), rows.end(), [](const Judged& a, const Judged& b) {
                        return a.gain < b.gain;
                      })->gain;
  const auto best_row = std::find_if(rows.begin(), rows.end(), [&](const Judged& j) { return j.gain == best; });
  std::vector<std::string> fast, slow;
  bool gained_something = false;  // a slow row of at least kSomeGain gained little, not nothing
  const ModelResult* cheapest = nullptr;
  for (const auto& [r, gain] : rows) {
    if (is_baseline(*r, basis)) continue;
    if (gain >= kNearBest * best && gain >= kRealGain) {
      fast.push_back(fmt::format("{} {:.1f}×{} on {}", r->model, gain, against(*r, basis), threads_phrase(*r)));
      if (cheapest == nullptr || r->os_threads + r->processes < cheapest->os_threads + cheapest->processes)
        cheapest = r;
    } else if (gain < kRealGain) {
      slow.push_back(fmt::format("{} {:.2f}×{}", r->model, gain, against(*r, basis)));
      gained_something = gained_something || gain >= kSomeGain;
    }
  }
  if (fast.empty())
    return fmt::format("no model beat {} by {}× here (best: {} {:.2f}×){}.", yardstick.against(), kRealGain,
                       best_row->row->model, best, pitfalls(bound, rows, basis));
  const bool other_baselines =
      std::any_of(rows.begin(), rows.end(), [&](const Judged& j) { return !against(*j.row, basis).empty(); });
  std::string text = fmt::format("{} tasks: {} {}", result.tasks, join(fast), yardstick.beaten(other_baselines));
  if (bound == Bound::io && cheapest != nullptr && cheapest->os_threads == 1 && cheapest->processes == 1)
    text +=
        fmt::format(" — {} overlapped all its waits on one thread: concurrency without parallelism", cheapest->model);
  else if (bound == Bound::cpu)
    text += fmt::format(" — only models running on several of the {} cores at once gained", cores);
  if (!slow.empty()) {
    text += fmt::format("; {} gained {}", join(slow), gained_something ? "little" : "nothing");
    const bool one_thread_each = std::all_of(rows.begin(), rows.end(), [&](const Judged& j) {
      return j.gain >= kRealGain || is_baseline(*j.row, basis) || j.row->os_threads == 1;
    });
    if (bound == Bound::cpu && one_thread_each) text += " (computing on one thread cannot overlap)";
  }
  return text + caps(result, bound, rows, best) + pitfalls(bound, rows, basis) + ".";
}

}  // namespace

std::string compute_takeaway(const ScenarioResult& result, Bound bound, unsigned cores) {
  const SpeedupBasis basis = speedup_basis(result);
  std::vector<Judged> rows;
  for (const auto& r : result.rows)
    if (const auto gain = speedup_on(result, r, basis); gain && r.verified) rows.push_back({&r, *gain});
  if (rows.empty()) return {};
  // Whatever ran teaches something: a row alone against the ideal, two rows against each other.
  if (rows.size() == 1) return takeaway_alone(result, *rows.front().row, bound, cores);
  if (rows.size() == 2 && basis == SpeedupBasis::ideal) return takeaway_pair(result, *rows[0].row, *rows[1].row, bound);
  if (bound == Bound::cpu && cores == 1) return one_core(result, rows, basis);
  return several(result, bound, cores, rows, basis);
}

}  // namespace concur
