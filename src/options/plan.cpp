#include "options/plan.hpp"

#include "options/model_selection.hpp"

namespace concur {

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
  planned.notes = std::move(selection.notes);
  return planned;
}

}  // namespace concur
