#include "commands/sweep.hpp"

#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "commands/pipeline.hpp"
#include "core/suggest.hpp"
#include "core/usage_error.hpp"
#include "options/binding.hpp"
#include "options/output_files.hpp"
#include "options/plan.hpp"
#include "options/vary.hpp"
#include "registry/registry.hpp"

namespace concur {
namespace {

std::vector<std::string_view> sweepable_scenarios() {
  std::vector<std::string_view> names;
  for (const auto& s : scenarios())
    if (!s.hidden) names.push_back(s.name);
  return names;
}

const ScenarioInfo& scenario_named(const std::string& name) {
  const ScenarioInfo* info = find_scenario(name);
  if (info == nullptr || info->hidden) {
    const auto names = sweepable_scenarios();
    throw UsageError(fmt::format("unknown scenario '{}' for sweep{} (scenarios: {})", name, did_you_mean(name, names),
                                 fmt::join(names, ", ")));
  }
  return *info;
}

Measurement sweep_measurement(const ScenarioInfo& info, const OptionBinding& binding, unsigned cores,
                              std::vector<std::string>& notes) {
  const ScenarioInfo* chosen = &info;
  const Settings base = binding.settings(std::span(&chosen, 1));
  const VarySpec spec = parse_vary(base.sweep.vary);
  const std::vector<SweepPoint> points = sweep_points(info, spec, base, binding.given(spec.key));
  check_outputs(base);
  Measurement m{.jobs = {},
                .sweep = SweepInfo{.key = spec.key, .unit = sweep_unit(spec.key), .metric = base.sweep.metric},
                .output = base.output,
                .ignore_limits = base.ignore_limits};
  for (const SweepPoint& point : points) {
    PlannedRun planned = plan_run(point.settings, cores);
    notes = std::move(planned.notes);
    m.jobs.push_back(Job{.info = &info,
                         .options = point.settings.scenario,
                         .plan = std::move(planned.plan),
                         .swept_value = point.value,
                         .swept_label = point.label});
  }
  return m;
}

}  // namespace

void add_sweep_command(CommandLine& line, Action& action, unsigned cores) {
  Command sub = line.add("sweep", "one scenario at several values of --vary KEY=V1,V2,…: one table and a chart");
  auto scenario = std::make_shared<std::string>();
  const std::string help = fmt::format("the scenario to sweep: {}", fmt::join(sweepable_scenarios(), ", "));
  sub.positional({.name = "scenario", .help = help, .type_name = "<SCENARIO>", .required = true}, *scenario);
  auto binding = std::make_shared<OptionBinding>(sub.cli(), kSweepCommand, std::span<const ScenarioInfo* const>());
  binding->require("vary");
  sub.footer(
      "Examples:\n"
      "  concur-demo sweep sleep --vary tasks=10,100,1000 --model thread,async --svg sleep.svg\n"
      "  concur-demo sweep factorial --vary workers=1,2,4 --model pool,fiber");
  sub.on_chosen([&action, scenario, binding, cores] {
    std::vector<std::string> notes;
    Measurement m = sweep_measurement(scenario_named(*scenario), *binding, cores, notes);
    action = measuring_action(std::move(m), std::move(notes));
  });
}

}  // namespace concur
