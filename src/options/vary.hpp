// `sweep`: one scenario measured at several values of one option (tasks, workers, or the
// scenario's own delay, size, factorial), every model at every value, so cost growth shows as
// a curve. This file turns `--vary KEY=V1,V2,…` into the points to measure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "scenarios/scenario.hpp"

namespace concur {

/// `--vary KEY=V1,V2,…` split but not yet judged against a scenario.
struct VarySpec {
  std::string key;                  ///< the option to vary
  std::vector<std::string> values;  ///< its values as typed, in order
};

/// One point of a sweep: the options its scenario is built with.
struct SweepPoint {
  double value = 0;         ///< the varied value in the axis unit (tasks, workers, s, bytes, k)
  std::string label;        ///< the value as people write it ("100ms", "4MiB")
  ScenarioOptions options;  ///< the base options with the varied one set
  unsigned workers = 1;     ///< --workers for this point
};

/// Splits "KEY=V1,V2"; throws ParseError naming the text when it has no '=' or no values.
VarySpec parse_vary(std::string_view text);

/// Options `scenario` lets a sweep vary: tasks, workers, then its own (ScenarioInfo::sweepable).
std::vector<std::string> sweep_keys(const ScenarioInfo& scenario);

/// Unit of the axis for `key`: "tasks", "workers", "s", "B" or "k".
std::string sweep_unit(std::string_view key);

/// The points of `spec` on `scenario`, starting from `base` and `workers`; throws ParseError for
/// a key the scenario does not take, a bad or repeated value, or a key also set directly.
std::vector<SweepPoint> sweep_points(const ScenarioInfo& scenario, const VarySpec& spec, const ScenarioOptions& base,
                                     unsigned workers, bool workers_given);

}  // namespace concur
