#include "runner.hpp"

#include <algorithm>
#include <cmath>

#include "isolated_run.hpp"
#include "stats.hpp"

namespace concur {
namespace {

double task_seconds(const Scenario& scenario) {
  return std::chrono::duration<double>(scenario.task_time()).count();
}

// Rounds of tasks when at most `lanes` run at once: 20 tasks on 2 lanes take 10 rounds.
double rounds(std::int64_t tasks, std::int64_t lanes) {
  return std::ceil(static_cast<double>(tasks) / static_cast<double>(std::max<std::int64_t>(1, lanes)));
}

// The run a timeline shows: the one whose wall time is the median (the lower middle of an even count).
RunSample* median_sample(std::vector<RunSample>& samples) {
  if (samples.empty()) return nullptr;
  std::vector<RunSample*> sorted;
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
  std::vector<double> walls, cpus, rss;
  for (const auto& s : samples) {
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
  return row;
}

// Moves the median run's task records into the row, for timelines and traces.
void keep_timeline(ModelResult& row, std::vector<RunSample>& samples) {
  RunSample* chosen = median_sample(samples);
  if (chosen == nullptr || !chosen->failure.empty()) return;
  row.timeline_wall_s = chosen->record.wall_s;
  row.timeline = std::move(chosen->tasks);
}

}  // namespace

double ideal_seconds(const Scenario& scenario, const ModelInfo& model, const RunPlan& plan) {
  const auto tasks = static_cast<std::int64_t>(scenario.work().size());
  const Concurrency c = model.concurrency(tasks, plan.workers);
  const auto lanes = scenario.bound() == Bound::io ? c.in_flight : std::min<std::int64_t>(c.parallel, plan.cores);
  return rounds(tasks, lanes) * task_seconds(scenario);
}

ScenarioResult measure_scenario(const ScenarioInfo& info, Scenario& scenario, const RunPlan& plan) {
  const auto tasks = scenario.work().size();
  // Warm-up runs touch every model's code path once (page in code, start schedulers and the
  // disk path, bring the CPU clock up) on a single task: a full unmeasured run per model
  // would double the classroom's waiting for no better numbers.
  for (std::int64_t w = 0; w < plan.warmup; ++w)
    for (const ModelInfo* model : plan.models) {
      scenario.prepare_run();
      (void)run_isolated(*model, scenario, 1, plan.workers);
    }
  // Interleaved rounds (every model once, then again): drift on a shared machine hits all
  // models alike instead of whichever happened to run last.
  std::vector<std::vector<RunSample>> samples(plan.models.size());
  for (std::int64_t r = 0; r < plan.repeat; ++r)
    for (std::size_t m = 0; m < plan.models.size(); ++m) {
      scenario.prepare_run();
      samples[m].push_back(run_isolated(*plan.models[m], scenario, tasks, plan.workers, plan.record_tasks));
    }

  ScenarioResult result;
  result.scenario = std::string(info.name);
  result.title = scenario.title();
  result.params = scenario.params();
  result.tasks = static_cast<std::int64_t>(tasks);
  const double t = task_seconds(scenario);
  result.back_to_back_s = static_cast<double>(tasks) * t;
  result.perfect_overlap_s =
      scenario.bound() == Bound::io ? t : rounds(static_cast<std::int64_t>(tasks), plan.cores) * t;
  for (std::size_t m = 0; m < plan.models.size(); ++m) {
    const ModelInfo& model = *plan.models[m];
    const Concurrency c = model.concurrency(result.tasks, plan.workers);
    ModelResult row = aggregate(model, samples[m], result.tasks, c.parallel);
    row.in_flight_cap = c.in_flight;
    row.overhead_per_task_us =
        (row.wall_s.median - ideal_seconds(scenario, model, plan)) / static_cast<double>(tasks) * 1e6;
    if (plan.record_tasks) keep_timeline(row, samples[m]);
    result.rows.push_back(std::move(row));
  }
  // Each row against its own baseline: C++ rows against sequential, Python rows against py-sequential.
  for (auto& row : result.rows) {
    const auto base = std::find_if(result.rows.begin(), result.rows.end(), [&](const ModelResult& r) {
      return r.model == row.baseline && r.verified;
    });
    if (base != result.rows.end() && row.verified && row.wall_s.median > 0)
      row.speedup = base->wall_s.median / row.wall_s.median;
  }
  return result;
}

}  // namespace concur
