#include "measure/runner.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "analysis/row_metrics.hpp"
#include "analysis/stats.hpp"
#include "measure/isolated_run.hpp"
#include "measure/progress.hpp"

namespace concur {
namespace {

// Real measurements: every run in a measuring process of its own.
class IsolatedExecutor final : public Executor {
 public:
  RunSample run(const RunRequest& request, const std::function<void()>& tick) override {
    // Task records come back only for the timelines and traces that record_cpu is asked for.
    return run_isolated(request.model, request.scenario, request.tasks, request.workers, request.record_cpu, tick,
                        request.placement, request.record_cpu);
  }
};

double task_seconds(const Scenario& scenario) { return std::chrono::duration<double>(scenario.task_time()).count(); }

// Rounds of tasks when at most `lanes` run at once: 20 tasks on 2 lanes take 10 rounds.
double rounds(std::int64_t tasks, std::int64_t lanes) {
  return std::ceil(static_cast<double>(tasks) / static_cast<double>(std::max<std::int64_t>(1, lanes)));
}

// The run a timeline shows: the one whose wall time is the median (the lower middle of an even count).
RunSample* median_sample(std::vector<RunSample>& samples) {
  if (samples.empty()) return nullptr;
  std::vector<RunSample*> sorted;
  sorted.reserve(samples.size());
  for (auto& s : samples) sorted.push_back(&s);
  std::sort(sorted.begin(), sorted.end(),
            [](const RunSample* a, const RunSample* b) { return a->record.wall_s < b->record.wall_s; });
  return sorted[(sorted.size() - 1) / 2];
}

ModelResult aggregate(const ModelInfo& model, const std::vector<RunSample>& samples, std::int64_t tasks,
                      std::int64_t workers) {
  ModelResult row;
  row.model = std::string(model.name);
  row.baseline = std::string(model.baseline);
  row.tasks = tasks;
  row.workers = workers;
  row.verified = !samples.empty();
  std::vector<double> walls, cpus, rss, server;
  for (const auto& s : samples) {
    if (s.server_cpu_s) server.push_back(*s.server_cpu_s);
    row.runs.push_back(s.record);
    row.verified = row.verified && s.record.verified;
    if (row.failure.empty()) row.failure = s.failure;
    if (row.note.empty()) row.note = s.note;
    walls.push_back(s.record.wall_s);
    cpus.push_back(s.record.cpu_s);
    rss.push_back(static_cast<double>(s.record.peak_rss_kib));
    row.os_threads = std::max(row.os_threads, s.record.os_threads);
    row.processes = std::max(row.processes, s.record.processes);
    row.max_in_flight = std::max(row.max_in_flight, s.record.max_in_flight);
  }
  row.wall_s = summarize(walls);
  row.cpu_s = median(cpus);
  row.peak_rss_kib = static_cast<std::int64_t>(median(rss));
  if (!server.empty()) row.server_cpu_s = median(server);
  derive_row_metrics(row);
  return row;
}

// One run through `executor`, with the CPU time the scenario's helper process (net: its server)
// spent meanwhile: that process is outside the measured one, so its share is read here, apart.
RunSample run_beside_helper(Executor& executor, const RunRequest& request, const std::function<void()>& tick) {
  const double helper_before = request.scenario.helper_cpu_seconds();
  RunSample sample = executor.run(request, tick);
  const double helper_after = request.scenario.helper_cpu_seconds();
  if (helper_before >= 0 && helper_after >= helper_before) sample.server_cpu_s = helper_after - helper_before;
  return sample;
}

// Moves the median run's task records into the row, for timelines and traces.
void keep_timeline(ModelResult& row, std::vector<RunSample>& samples) {
  RunSample* chosen = median_sample(samples);
  if (chosen == nullptr || !chosen->failure.empty()) return;
  row.timeline_wall_s = chosen->record.wall_s;
  row.timeline = std::move(chosen->tasks);
}

}  // namespace

unsigned workers_for(const ModelInfo& model, const RunPlan& plan) {
  return model.worker_unit == WorkerUnit::rank ? plan.ranks : plan.workers;
}

Executor& isolated_executor() {
  static IsolatedExecutor executor;
  return executor;
}

double ideal_seconds(const Scenario& scenario, const ModelInfo& model, const RunPlan& plan) {
  const auto tasks = static_cast<std::int64_t>(scenario.work().size());
  const Concurrency c = model.concurrency(tasks, workers_for(model, plan));
  const auto lanes = scenario.bound() == Bound::io ? c.in_flight : std::min<std::int64_t>(c.parallel, plan.cores);
  return rounds(tasks, lanes) * task_seconds(scenario);
}

ScenarioResult measure_scenario(const ScenarioInfo& info, Scenario& scenario, const RunPlan& plan, Executor& executor) {
  const Variant only{.info = &info, .scenario = &scenario, .plan = plan};
  return measure_variants(std::span(&only, 1), executor).front();
}

namespace {

// What the runs will take at best, to decide whether a progress line is worth drawing.
double expected_seconds(std::span<const Variant> variants) {
  double total = 0;
  for (const Variant& v : variants)
    for (const ModelInfo* model : v.plan.models)
      total += static_cast<double>(v.plan.repeat) * ideal_seconds(*v.scenario, *model, v.plan) +
               static_cast<double>(v.plan.warmup) * task_seconds(*v.scenario);
  return total;
}

std::string run_label(const Variant& v, const ModelInfo& model, std::size_t variant_count) {
  std::string label = fmt::format("{} · {}", v.info->name, model.name);
  if (variant_count > 1) {
    std::vector<std::string> facts{fmt::format("{} tasks", v.scenario->work().size())};
    for (const Param& p : v.scenario->params()) facts.push_back(p.display);
    label += fmt::format(" · {}", fmt::join(facts, " "));
  }
  return label;
}

ScenarioResult summarize_variant(const Variant& v, std::vector<std::vector<RunSample>>& samples) {
  const Scenario& scenario = *v.scenario;
  const RunPlan& plan = v.plan;
  const auto tasks = scenario.work().size();
  ScenarioResult result;
  result.scenario = std::string(v.info->name);
  result.title = scenario.title();
  result.params = scenario.params();
  result.tasks = static_cast<std::int64_t>(tasks);
  const double t = task_seconds(scenario);
  result.back_to_back_s = static_cast<double>(tasks) * t;
  result.perfect_overlap_s =
      scenario.bound() == Bound::io ? t : rounds(static_cast<std::int64_t>(tasks), plan.cores) * t;
  for (std::size_t m = 0; m < plan.models.size(); ++m) {
    const ModelInfo& model = *plan.models[m];
    const Concurrency c = model.concurrency(result.tasks, workers_for(model, plan));
    ModelResult row = aggregate(model, samples[m], result.tasks, c.parallel);
    row.in_flight_cap = c.in_flight;
    row.overhead_per_task_us =
        (row.wall_s.median - ideal_seconds(scenario, model, plan)) / static_cast<double>(tasks) * 1e6;
    if (plan.record_tasks) keep_timeline(row, samples[m]);
    result.rows.push_back(std::move(row));
  }
  // Each row against its own baseline: C++ rows against sequential, Python rows against py-sequential.
  for (auto& row : result.rows) {
    const auto base = std::find_if(result.rows.begin(), result.rows.end(),
                                   [&](const ModelResult& r) { return r.model == row.baseline && r.verified; });
    if (base != result.rows.end() && row.verified && row.wall_s.median > 0)
      row.speedup = base->wall_s.median / row.wall_s.median;
  }
  result.notes = scenario.notes(result);
  return result;
}

}  // namespace

std::vector<ScenarioResult> measure_variants(std::span<const Variant> variants, Executor& executor) {
  if (variants.empty()) return {};
  const Variant& first = variants.front();
  Progress progress(first.plan.show_progress && progress_allowed() &&
                    expected_seconds(variants) > kProgressAfterSeconds);
  const auto tick = [&progress] { progress.tick(); };
  // Warm-up runs touch every model's code path once (page in code, start schedulers and the
  // disk path, bring the CPU clock up) on a single task: a full unmeasured run per model
  // would double the classroom's waiting for no better numbers.
  for (std::int64_t w = 0; w < first.plan.warmup; ++w)
    for (const ModelInfo* model : first.plan.models) {
      progress.run_started(fmt::format("{} · {} warm-up", first.info->name, model->name), w + 1, first.plan.warmup);
      first.scenario->prepare_run();
      (void)executor.run({.model = *model,
                          .scenario = *first.scenario,
                          .tasks = 1,
                          .workers = workers_for(*model, first.plan),
                          .placement = first.plan.placement},
                         tick);
    }
  // Interleaved rounds (every model once, then again): drift on a shared machine hits all
  // models alike instead of whichever happened to run last.
  std::vector<std::vector<std::vector<RunSample>>> samples(variants.size());
  for (std::size_t v = 0; v < variants.size(); ++v) samples[v].resize(variants[v].plan.models.size());
  for (std::int64_t r = 0; r < first.plan.repeat; ++r)
    for (std::size_t v = 0; v < variants.size(); ++v) {
      const Variant& variant = variants[v];
      const auto tasks = variant.scenario->work().size();
      for (std::size_t m = 0; m < variant.plan.models.size(); ++m) {
        const ModelInfo& model = *variant.plan.models[m];
        progress.run_started(run_label(variant, model, variants.size()), r + 1, variant.plan.repeat);
        variant.scenario->prepare_run();
        RunSample sample = run_beside_helper(executor,
                                             {.model = model,
                                              .scenario = *variant.scenario,
                                              .tasks = tasks,
                                              .workers = workers_for(model, variant.plan),
                                              .record_cpu = variant.plan.record_tasks,
                                              .placement = variant.plan.placement},
                                             tick);
        // Every later run is forked from this process, and its peak RSS counts the pages this
        // process holds: task records kept without need would inflate the next rows' memory.
        if (!variant.plan.record_tasks) std::vector<TaskRecord>().swap(sample.tasks);
        samples[v][m].push_back(std::move(sample));
      }
    }
  std::vector<ScenarioResult> results;
  for (std::size_t v = 0; v < variants.size(); ++v) results.push_back(summarize_variant(variants[v], samples[v]));
  return results;
}

}  // namespace concur
