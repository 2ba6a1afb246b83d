// `sweep`: one scenario measured at several values of one option, every model at every value,
// so cost growth shows as a curve. This file turns `--vary KEY=V1,V2,…` into the points to
// measure; which options can be varied, and how their values read, comes from the option table.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "options/settings.hpp"
#include "scenarios/scenario.hpp"

namespace concur {

/// `--vary KEY=V1,V2,…` split but not yet judged against a scenario.
struct VarySpec {
  std::string key;                  ///< the option to vary
  std::vector<std::string> values;  ///< its values as typed, in order
};

/// One point of a sweep: the settings its scenario is measured with.
struct SweepPoint {
  double value = 0;   ///< the varied value in the axis unit (tasks, workers, s, bytes, k)
  std::string label;  ///< the value as people write it ("100ms", "4MiB")
  Settings settings;  ///< the base settings with the varied option set
};

/// Splits "KEY=V1,V2"; throws UsageError naming the text when it has no '=' or no values.
VarySpec parse_vary(std::string_view text);

/// Options `scenario` lets a sweep vary: the sweepable options of the table it uses.
std::vector<std::string> sweep_keys(const ScenarioInfo& scenario);

/// Unit of the axis for `key`: "tasks", "workers", "s", "B" or "k".
std::string sweep_unit(std::string_view key);

/// The points of `spec` on `scenario`, from `base`, in ascending order; throws UsageError for a
/// key the scenario does not take, a bad or repeated value, or a key also set directly
/// (`key_given`: the option itself was typed too).
std::vector<SweepPoint> sweep_points(const ScenarioInfo& scenario, const VarySpec& spec, const Settings& base,
                                     bool key_given);

}  // namespace concur
