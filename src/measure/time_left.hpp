// How long a measuring session still has to go, for the progress line and the live view. Before
// anything ran, the scenarios' ideal times are the whole estimate; every finished run then
// replaces guesses with measurements: its own model's later runs take what it took, and models
// not yet run take their ideal time scaled by how far the runs so far exceeded theirs.
#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace concur {

/// The runs a session still has to make, each kind with its ideal and its measured times.
class TimeLeft {
 public:
  /// Plans `runs` more runs of the kind `key` (one model on one scenario, or its warm-up), each
  /// expected to take `ideal_s` at best.
  void expect(const std::string& key, double ideal_s, std::int64_t runs = 1);

  /// A run of `key` is over; it took `took_s`, preparing and starting it included.
  void finished(const std::string& key, double took_s);

  /// What one more run of `key` should take: the mean of its own runs once it has any. Before,
  /// its ideal time times the ratio of measured to ideal time over every run so far (at least 1:
  /// a busy machine slows everything), plus what every kind of run measured so far took beyond
  /// that at least (preparing and starting a run costs something whatever its ideal).
  [[nodiscard]] double expected_run_s(const std::string& key) const;

  /// Seconds until every planned run is done, while a run of `current` has been going for
  /// `elapsed_s` (empty `current`: between runs).
  [[nodiscard]] double seconds_left(const std::string& current, double elapsed_s) const;

  /// Runs still planned (the current one included until it finishes).
  [[nodiscard]] std::int64_t runs_left() const;

 private:
  struct Kind {
    double ideal_s = 0;              // one run at best
    std::int64_t remaining = 0;      // runs not finished yet
    double measured_s = 0;           // sum over its finished runs
    std::int64_t measured_runs = 0;  // how many finished
  };
  [[nodiscard]] double slowdown() const;
  [[nodiscard]] double fixed_cost_s() const;
  std::map<std::string, Kind> kinds_;
};

/// "12 s", "2 min 10 s", "< 1 s": a remaining time as a class reads it, rounded so that it does
/// not flicker between two values on every redraw.
std::string format_time_left(double seconds);

}  // namespace concur
