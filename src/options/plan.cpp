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
  planned.plan.record_tasks = settings.output.timeline || settings.output.trace.has_value();
  planned.plan.show_progress = true;
  planned.plan.live = settings.output.live;
  planned.notes = std::move(selection.notes);
  return planned;
}

}  // namespace concur
