#include "measure/time_left.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

namespace concur {
namespace {

// A model not yet run is assumed to be no faster than its ideal time (ratio 1), and no more than
// this many times slower than it, whatever one odd run before it did (a warm-up that paid for
// paging the binary in, a first fork storm).
constexpr double kMaxSlowdown = 50.0;

}  // namespace

void TimeLeft::expect(const std::string& key, double ideal_s, std::int64_t runs) {
  Kind& kind = kinds_[key];
  kind.ideal_s = std::max(0.0, ideal_s);
  kind.remaining += runs;
}

void TimeLeft::finished(const std::string& key, double took_s) {
  Kind& kind = kinds_[key];
  kind.remaining = std::max<std::int64_t>(0, kind.remaining - 1);
  kind.measured_s += std::max(0.0, took_s);
  ++kind.measured_runs;
}

double TimeLeft::slowdown() const {
  double measured = 0, ideal = 0;
  for (const auto& [key, kind] : kinds_) {
    if (kind.measured_runs == 0 || kind.ideal_s <= 0) continue;
    measured += kind.measured_s;
    ideal += kind.ideal_s * static_cast<double>(kind.measured_runs);
  }
  return ideal > 0 ? std::clamp(measured / ideal, 1.0, kMaxSlowdown) : 1.0;
}

double TimeLeft::fixed_cost_s() const {
  const double scale = slowdown();
  double cost = std::numeric_limits<double>::infinity();
  for (const auto& [key, kind] : kinds_)
    if (kind.measured_runs > 0)
      cost = std::min(cost,
                      std::max(0.0, kind.measured_s / static_cast<double>(kind.measured_runs) - kind.ideal_s * scale));
  return std::isfinite(cost) ? cost : 0.0;
}

double TimeLeft::expected_run_s(const std::string& key) const {
  const auto it = kinds_.find(key);
  const double ideal = it == kinds_.end() ? 0.0 : it->second.ideal_s;
  if (it != kinds_.end() && it->second.measured_runs > 0)
    return it->second.measured_s / static_cast<double>(it->second.measured_runs);
  return ideal * slowdown() + fixed_cost_s();
}

double TimeLeft::seconds_left(const std::string& current, double elapsed_s) const {
  double left = 0;
  for (const auto& [key, kind] : kinds_) {
    if (kind.remaining == 0) continue;
    const double each = expected_run_s(key);
    if (key == current) {
      // The run under way counts for what it still lacks of its expected time; one that has
      // already overrun its estimate is taken to be nearly done rather than negative.
      left += std::max(0.0, each - elapsed_s) + each * static_cast<double>(kind.remaining - 1);
    } else {
      left += each * static_cast<double>(kind.remaining);
    }
  }
  return left;
}

std::int64_t TimeLeft::runs_left() const {
  std::int64_t runs = 0;
  for (const auto& [key, kind] : kinds_) runs += kind.remaining;
  return runs;
}

std::string format_time_left(double seconds) {
  if (!std::isfinite(seconds) || seconds < 1.0) return "< 1 s";
  // Below a minute to the second, below ten minutes to 10 s, beyond that to the minute: a count
  // that jumps by its last digit on every redraw would be noise.
  if (seconds < 60) return fmt::format("{} s", static_cast<int>(std::ceil(seconds)));
  if (seconds < 600) {
    const auto tens = static_cast<int>(std::ceil(seconds / 10.0)) * 10;
    return tens % 60 == 0 ? fmt::format("{} min", tens / 60) : fmt::format("{} min {} s", tens / 60, tens % 60);
  }
  return fmt::format("{} min", static_cast<int>(std::ceil(seconds / 60.0)));
}

}  // namespace concur
