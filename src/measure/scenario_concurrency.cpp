// The limit check that needs a built scenario: what only it knows (net: sockets per task in
// flight, ephemeral ports, its server's cap and accept queue), checked for every model of a run.
#include <cstdint>

#include <fmt/format.h>

#include "core/parse.hpp"
#include "measure/limits.hpp"

namespace concur {

std::string scenario_concurrency_problem(const ScenarioInfo& info, const Scenario& scenario, const RunPlan& plan,
                                         const MachineLimits& limits) {
  const std::int64_t per_task = scenario.descriptors_per_task();
  const auto tasks = static_cast<std::int64_t>(scenario.work().size());
  for (const ModelInfo* model : plan.models) {
    const Footprint need = model->footprint != nullptr ? model->footprint(tasks, plan.workers) : Footprint{};
    const std::int64_t in_flight = model->concurrency(tasks, plan.workers).in_flight;
    // A model with a process per task holds one task's descriptors in each process.
    const std::int64_t held = per_task * (need.processes >= tasks ? 1 : in_flight);
    std::string why;
    if (per_task > 0 && static_cast<std::uint64_t>(need.descriptors + held + 1) > limits.descriptors.amount)
      why = fmt::format("it holds {} sockets and {} other descriptors open at once, but only {} may be open ({})",
                        format_count(held), format_count(need.descriptors + 1),
                        format_count(static_cast<std::int64_t>(limits.descriptors.amount)), limits.descriptors.source);
    if (why.empty()) why = scenario.concurrency_problem(in_flight);
    if (!why.empty())
      return fmt::format(
          "{} with {} tasks cannot run under the {} model here: {}; lower --tasks, leave {} out of --model, or add "
          "--ignore-limits to see where it fails",
          info.name, format_count(tasks), model->name, why, model->name);
  }
  return {};
}

}  // namespace concur
