#include "options/vary.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <optional>

#include <fmt/format.h>

#include "core/parse.hpp"

namespace concur {
namespace {

// A chart with more points than this is unreadable and the run would take all afternoon.
constexpr std::size_t kMaxPoints = 24;

// How each sweepable option is read and set. Which scenario takes which of its own options is
// the scenario's business (ScenarioInfo::sweepable); this only knows the options themselves.
struct Knob {
  std::string_view key;
  std::string_view unit;
  // Parses `text` into `point` (value, label, the option); returns whether `base` set it already.
  bool (*apply)(std::string_view text, SweepPoint& point);
};

constexpr std::array<Knob, 5> knobs{{
    {"tasks", "tasks",
     [](std::string_view text, SweepPoint& p) {
       const bool given = p.options.tasks.has_value();
       p.options.tasks = parse_count(text, 1, 1'000'000, "--vary tasks");
       p.value = static_cast<double>(*p.options.tasks);
       p.label = fmt::format("{}", *p.options.tasks);
       return given;
     }},
    {"workers", "workers",
     [](std::string_view text, SweepPoint& p) {
       p.workers = static_cast<unsigned>(parse_count(text, 1, 1024, "--vary workers"));
       p.value = p.workers;
       p.label = fmt::format("{}", p.workers);
       return false;  // checked by the caller, which knows whether --workers was typed
     }},
    {"delay", "s",
     [](std::string_view text, SweepPoint& p) {
       const bool given = p.options.delay.has_value();
       p.options.delay = parse_duration(text);
       p.value = std::chrono::duration<double>(*p.options.delay).count();
       p.label = format_duration(*p.options.delay);
       return given;
     }},
    {"size", "B",
     [](std::string_view text, SweepPoint& p) {
       if (p.options.dir) throw ParseError("--vary size has no effect with --dir: the files there keep their sizes");
       const bool given = p.options.size.has_value();
       p.options.size = parse_size(text);
       p.value = static_cast<double>(*p.options.size);
       p.label = format_size(*p.options.size);
       return given;
     }},
    {"factorial", "k",
     [](std::string_view text, SweepPoint& p) {
       const bool given = p.options.factorial.has_value();
       p.options.factorial = static_cast<std::uint32_t>(parse_count(text, 1, 1'000'000, "--vary factorial"));
       p.value = *p.options.factorial;
       p.label = fmt::format("{}", *p.options.factorial);
       return given;
     }},
}};

const Knob* find_knob(std::string_view key) {
  const auto it = std::find_if(knobs.begin(), knobs.end(), [&](const Knob& k) { return k.key == key; });
  return it == knobs.end() ? nullptr : &*it;
}

std::string one_of(const std::vector<std::string>& keys) {
  if (keys.size() == 1) return keys.front();
  return fmt::format("{} or {}", fmt::join(keys.begin(), keys.end() - 1, ", "), keys.back());
}

}  // namespace

VarySpec parse_vary(std::string_view text) {
  const auto eq = text.find('=');
  if (eq == std::string_view::npos || eq == 0)
    throw ParseError(fmt::format("invalid --vary '{}': expected KEY=V1,V2,… such as tasks=10,100,1000", text));
  VarySpec spec;
  spec.key = std::string(text.substr(0, eq));
  if (eq + 1 == text.size())
    throw ParseError(fmt::format("invalid --vary '{}': no values after '=' (e.g. {}=1,2,4)", text, spec.key));
  spec.values = parse_list(text.substr(eq + 1), "--vary");
  return spec;
}

std::vector<std::string> sweep_keys(const ScenarioInfo& scenario) {
  std::vector<std::string> keys{"tasks", "workers"};
  std::string_view own = scenario.sweepable;
  while (!own.empty()) {
    const auto space = own.find(' ');
    const std::string_view key = own.substr(0, space);
    if (!key.empty() && find_knob(key) != nullptr) keys.emplace_back(key);
    own = space == std::string_view::npos ? std::string_view() : own.substr(space + 1);
  }
  return keys;
}

std::string sweep_unit(std::string_view key) {
  const Knob* knob = find_knob(key);
  return knob == nullptr ? std::string(key) : std::string(knob->unit);
}

std::vector<SweepPoint> sweep_points(const ScenarioInfo& scenario, const VarySpec& spec, const ScenarioOptions& base,
                                     unsigned workers, bool workers_given) {
  const auto keys = sweep_keys(scenario);
  if (std::find(keys.begin(), keys.end(), spec.key) == keys.end())
    throw ParseError(fmt::format("invalid --vary key '{}' for {} (use {})", spec.key, scenario.name, one_of(keys)));
  if (spec.values.size() > kMaxPoints)
    throw ParseError(fmt::format("invalid --vary {}: {} values, at most {} fit one chart", spec.key, spec.values.size(),
                                 kMaxPoints));
  const Knob& knob = *find_knob(spec.key);
  std::vector<SweepPoint> points;
  for (const std::string& text : spec.values) {
    SweepPoint point{0, {}, base, workers};
    const bool given = knob.apply(text, point) || (spec.key == "workers" && workers_given);
    if (given) throw ParseError(fmt::format("--{0} and --vary {0} both set {0}; keep one", spec.key));
    const bool repeated =
        std::any_of(points.begin(), points.end(), [&](const SweepPoint& p) { return p.value == point.value; });
    if (repeated) throw ParseError(fmt::format("invalid --vary {}: value '{}' is named twice", spec.key, text));
    points.push_back(std::move(point));
  }
  // Rows and chart lines run from small to large, whatever order the values were typed in.
  std::stable_sort(points.begin(), points.end(),
                   [](const SweepPoint& a, const SweepPoint& b) { return a.value < b.value; });
  return points;
}

}  // namespace concur
