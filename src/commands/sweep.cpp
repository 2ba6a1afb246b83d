#include "commands/sweep.hpp"

#include <memory>
#include <sstream>

#include "commands/delivery.hpp"
#include "core/parse.hpp"
#include "measure/calibration.hpp"
#include "measure/limits.hpp"
#include "measure/machine.hpp"
#include "measure/runner.hpp"
#include "report/charts/chart_svg.hpp"
#include "report/sweep_report.hpp"
#include "sys/atomic_file.hpp"
#include "sys/interrupt.hpp"

namespace concur {

int run_sweep(const Invocation& inv) {
  install_interrupt_handlers();
  const ScenarioInfo& info = *inv.scenarios.front();
  // Every point is built before the first run, so a bad value fails before minutes of measuring.
  std::vector<std::unique_ptr<Scenario>> built;
  std::vector<Variant> variants;
  for (const SweepPoint& point : inv.sweep.points) {
    try {
      built.push_back(info.make(point.options));
    } catch (const ParseError& e) {
      throw UsageError(e.what());
    }
    RunPlan plan = inv.plan;
    plan.workers = point.workers;
    variants.push_back(Variant{&info, built.back().get(), plan});
  }
  // The same machine-limit check as a plain run, for every point of the sweep.
  if (!inv.ignore_limits) {
    const MachineLimits limits = probe_limits();
    for (const Variant& v : variants)
      if (auto why = scenario_limit_problem(info, *v.scenario, v.plan, limits); !why.empty()) throw UsageError(why);
  }

  Report report;
  report.version = CONCUR_VERSION;
  report.machine = probe_machine();
  report.calibration = calibrate_bookkeeping();
  report.sweep = SweepInfo{inv.sweep.key, sweep_unit(inv.sweep.key), inv.sweep.metric};
  std::vector<ScenarioResult> results = measure_variants(variants);
  bool all_verified = true;
  for (std::size_t i = 0; i < results.size(); ++i) {
    results[i].swept_value = inv.sweep.points[i].value;
    results[i].swept_label = inv.sweep.points[i].label;
    for (const auto& row : results[i].rows) all_verified = all_verified && row.verified;
    report.scenarios.push_back(std::move(results[i]));
  }
  attribute_bookkeeping(report);

  RenderOptions render;
  render.color = wants_color(inv.format, inv.output.has_value());
  std::ostringstream text;
  make_sweep_reporter(inv.format, render)->write(report, text);
  if (inv.sweep.svg) write_file_atomically(*inv.sweep.svg, svg_chart(report));
  deliver(text.str(), inv.output);
  return all_verified ? 0 : 1;
}

}  // namespace concur
