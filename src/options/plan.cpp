#include "options/plan.hpp"

#include <filesystem>

#include <fmt/format.h>

#include "core/parse.hpp"
#include "core/usage_error.hpp"
#include "mpi/hostfile.hpp"
#include "options/model_selection.hpp"

namespace concur {
namespace {

// --ranks and --hosts: the hostfile is read now, so a broken one, or more ranks than its slots,
// is one line before anything is measured rather than Open MPI's complaint in a failed row.
void place_ranks(const Settings& settings, unsigned cores, RunPlan& plan) {
  plan.ranks = settings.ranks.value_or(cores);
  if (settings.launch_timeout) {
    if (settings.launch_timeout->count() <= 0)
      throw UsageError(fmt::format("invalid --launch-timeout '{}': a launch needs some time (try 30s)",
                                   format_duration(*settings.launch_timeout)));
    plan.placement.launch_timeout = *settings.launch_timeout;
  }
  if (!settings.hosts) return;
  const Hostfile hosts = read_hostfile(*settings.hosts);
  if (const auto slots = hosts.slots(cores); slots && plan.ranks > *slots)
    throw UsageError(
        fmt::format("--ranks {} is more than the {} slots of --hosts '{}'{}: lower --ranks or raise slots= in the file",
                    plan.ranks, *slots, printable(*settings.hosts),
                    settings.ranks ? "" : fmt::format(" (--ranks defaults to this machine's {} cores)", cores)));
  std::error_code ignored;
  const auto absolute = std::filesystem::absolute(*settings.hosts, ignored);
  plan.placement.hostfile = absolute.empty() ? *settings.hosts : absolute.string();
}

}  // namespace

PlannedRun plan_run(const Settings& settings, unsigned cores) {
  ModelSelection selection = select_models(settings.models, settings.flag_models);
  PlannedRun planned;
  planned.plan.models = std::move(selection.models);
  planned.plan.cores = cores;
  planned.plan.workers = settings.workers.value_or(cores);
  planned.plan.repeat = settings.repeat;
  planned.plan.warmup = settings.warmup;
  // Every picture of the tasks needs their records: the terminal timeline, the trace, the HTML
  // report's timelines, the timeline SVG (--svg draws timelines for anything but a sweep).
  const OutputSettings& out = settings.output;
  const bool sweep = !settings.sweep.vary.empty();
  planned.plan.record_tasks = out.timeline || out.trace || !out.html.empty() || out.timeline_svg || (out.svg && !sweep);
  planned.plan.show_progress = true;
  planned.plan.live = settings.output.live;
  place_ranks(settings, cores, planned.plan);
  planned.notes = std::move(selection.notes);
  return planned;
}

}  // namespace concur
