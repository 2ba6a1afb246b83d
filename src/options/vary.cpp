#include "options/vary.hpp"

#include <algorithm>
#include <chrono>

#include <fmt/format.h>

#include "core/parse.hpp"
#include "core/usage_error.hpp"
#include "options/option_table.hpp"

namespace concur {
namespace {

// A chart with more points than this is unreadable and the run would take all afternoon.
constexpr std::size_t kMaxPoints = 24;

// Where a value sits on the sweep's axis, and how its label reads, by the kind of the option.
void place_on_axis(const OptionValue& value, SweepPoint& point) {
  if (const auto* n = std::get_if<std::int64_t>(&value)) {
    point.value = static_cast<double>(*n);
    point.label = fmt::format("{}", *n);
  } else if (const auto* d = std::get_if<std::chrono::nanoseconds>(&value)) {
    point.value = std::chrono::duration<double>(*d).count();
    point.label = format_duration(*d);
  } else if (const auto* bytes = std::get_if<std::uint64_t>(&value)) {
    point.value = static_cast<double>(*bytes);
    point.label = format_size(*bytes);
  }
}

}  // namespace

VarySpec parse_vary(std::string_view text) {
  const auto eq = text.find('=');
  if (eq == std::string_view::npos || eq == 0)
    throw UsageError(fmt::format("invalid --vary '{}': expected KEY=V1,V2,… such as tasks=10,100,1000", text));
  VarySpec spec;
  spec.key = std::string(text.substr(0, eq));
  if (eq + 1 == text.size())
    throw UsageError(fmt::format("invalid --vary '{}': no values after '=' (e.g. {}=1,2,4)", text, spec.key));
  spec.values = parse_list(text.substr(eq + 1), "--vary");
  return spec;
}

std::vector<std::string> sweep_keys(const ScenarioInfo& scenario) {
  std::vector<std::string> keys;
  for (const OptionSpec& o : option_table())
    if (!o.sweep_unit.empty() && (o.commands & kSweepCommand) != 0 && option_serves(o, scenario.name))
      keys.emplace_back(o.name);
  return keys;
}

std::string sweep_unit(std::string_view key) {
  const OptionSpec* spec = find_option(key);
  return spec == nullptr || spec->sweep_unit.empty() ? std::string(key) : std::string(spec->sweep_unit);
}

std::vector<SweepPoint> sweep_points(const ScenarioInfo& scenario, const VarySpec& spec, const Settings& base,
                                     bool key_given) {
  const auto keys = sweep_keys(scenario);
  if (std::find(keys.begin(), keys.end(), spec.key) == keys.end()) {
    std::vector<std::string_view> words(keys.begin(), keys.end());
    throw UsageError(fmt::format("invalid --vary key '{}' for {} (use {})", spec.key, scenario.name, one_of(words)));
  }
  if (spec.values.size() > kMaxPoints)
    throw UsageError(fmt::format("invalid --vary {}: {} values, at most {} fit one chart", spec.key, spec.values.size(),
                                 kMaxPoints));
  if (key_given) throw UsageError(fmt::format("--{0} and --vary {0} both set {0}; keep one", spec.key));
  if (spec.key == "size" && base.scenario.dir)
    throw UsageError("--vary size has no effect with --dir: the files there keep their sizes");
  const OptionSpec& option = *find_option(spec.key);
  std::vector<SweepPoint> points;
  for (const std::string& text : spec.values) {
    SweepPoint point{.value = 0, .label = {}, .settings = base};
    const OptionValue value = parse_option_value(option, text);
    option.store(value, point.settings);
    place_on_axis(value, point);
    const bool repeated =
        std::any_of(points.begin(), points.end(), [&](const SweepPoint& p) { return p.value == point.value; });
    if (repeated) throw UsageError(fmt::format("invalid --vary {}: value '{}' is named twice", spec.key, text));
    points.push_back(std::move(point));
  }
  // Rows and chart lines run from small to large, whatever order the values were typed in.
  std::stable_sort(points.begin(), points.end(),
                   [](const SweepPoint& a, const SweepPoint& b) { return a.value < b.value; });
  return points;
}

}  // namespace concur
