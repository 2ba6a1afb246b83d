#include "measure/runner.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "core/usage_error.hpp"
#include "measure/isolated_run.hpp"
#include "measure/live_view.hpp"
#include "measure/progress.hpp"
#include "measure/run_samples.hpp"
#include "measure/session_display.hpp"
#include "measure/time_left.hpp"

namespace concur {
namespace {

// Real measurements: every run in a measuring process of its own.
class IsolatedExecutor final : public Executor {
 public:
  RunSample run(const RunRequest& request, const std::function<void()>& tick) override {
    // The child records CPU times when a timeline or trace asked (and then sends the records
    // back), or for the live view, which reads them in the shared mapping and needs none sent.
    const bool cpu = request.record_cpu || (request.shared != nullptr && request.shared->cpu_times());
    return run_isolated(request.model, request.scenario, request.tasks, request.workers, cpu, tick, request.placement,
                        request.record_cpu, request.shared);
  }
};

double task_seconds(const Scenario& scenario) { return std::chrono::duration<double>(scenario.task_time()).count(); }

// Rounds of tasks when at most `lanes` run at once: 20 tasks on 2 lanes take 10 rounds.
double rounds(std::int64_t tasks, std::int64_t lanes) {
  return std::ceil(static_cast<double>(tasks) / static_cast<double>(std::max<std::int64_t>(1, lanes)));
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

using Clock = std::chrono::steady_clock;

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

namespace {

// One measuring session: the runs it still expects, and what shows it (if anything does).
struct Session {
  TimeLeft time_left;
  std::unique_ptr<SessionDisplay> display;
};

// The kind of run, as TimeLeft counts it: variants are numbered across the session.
std::string run_key(std::size_t variant, const ModelInfo& model, bool warmup) {
  return fmt::format("{}/{}{}", variant, model.name, warmup ? "/warm-up" : "");
}

// Plans every run of one group (variants measured together), numbered from `base`.
void expect_group(std::span<const Variant> group, std::size_t base, TimeLeft& time_left) {
  const Variant& first = group.front();
  for (const ModelInfo* model : first.plan.models)
    time_left.expect(run_key(base, *model, true), task_seconds(*first.scenario), first.plan.warmup);
  for (std::size_t v = 0; v < group.size(); ++v)
    for (const ModelInfo* model : group[v].plan.models)
      time_left.expect(run_key(base + v, *model, false), ideal_seconds(*group[v].scenario, *model, group[v].plan),
                       first.plan.repeat);
}

// The live view when asked for (it shows the time left too), else a progress line when the
// session is long enough to make people wonder.
std::unique_ptr<SessionDisplay> make_display(std::span<const Variant> variants, const TimeLeft& time_left) {
  const RunPlan& plan = variants.front().plan;
  if (plan.live) {
    for (const Variant& v : variants)
      if (std::string why = live_refusal(v.info->name, v.scenario->work().size()); !why.empty()) throw UsageError(why);
    return std::make_unique<LiveView>(time_left, plan.cores);
  }
  if (plan.show_progress && progress_allowed() && time_left.seconds_left({}, 0) > kProgressAfterSeconds)
    return std::make_unique<Progress>(time_left);
  return nullptr;
}

// Prepares the scenario for one run and runs it, showing it to the session's display.
RunSample run_step(Executor& executor, Scenario& scenario, const RunRequest& request, const RunStart& start,
                   Session& session) {
  const auto began = Clock::now();
  SessionDisplay* display = session.display.get();
  if (display != nullptr) display->run_started(start);
  scenario.prepare_run();
  RunRequest run = request;
  if (display != nullptr && display->shared_records() != nullptr) {
    // Live: the tasks write where the view reads (with their CPU times when those are cheap, by
    // which it tells a task paused at an await from one that holds its thread); record_cpu keeps
    // meaning what the user asked for, so no records travel back unless a timeline wants them.
    run.shared = display->shared_records();
  }
  // The CPU time the scenario's helper process (net: its server) spent meanwhile: that process is
  // outside the measured one, so its share is read here, apart.
  const double helper_before = scenario.helper_cpu_seconds();
  RunSample sample = executor.run(run, [display] {
    if (display != nullptr) display->tick();
  });
  const double helper_after = scenario.helper_cpu_seconds();
  if (helper_before >= 0 && helper_after >= helper_before) sample.server_cpu_s = helper_after - helper_before;
  session.time_left.finished(start.key, std::chrono::duration<double>(Clock::now() - began).count());
  if (display != nullptr) display->run_finished(start, sample);
  return sample;
}

RunStart start_of(const Variant& v, std::size_t key_index, std::size_t m, std::int64_t run, std::size_t variants,
                  bool warmup) {
  const ModelInfo& model = *v.plan.models[m];
  const std::size_t tasks = warmup ? 1 : v.scenario->work().size();
  return {.key = run_key(key_index, model, warmup),
          .label = run_label(v, model, variants),
          .scenario_name = std::string(v.info->name),
          .scenario = v.scenario,
          .model = &model,
          .model_number = m + 1,
          .model_count = v.plan.models.size(),
          .run = run + 1,
          .runs = warmup ? v.plan.warmup : v.plan.repeat,
          .warmup = warmup,
          .tasks = tasks,
          .parallel = model.concurrency(static_cast<std::int64_t>(tasks), workers_for(model, v.plan)).parallel,
          .ideal_s = warmup ? task_seconds(*v.scenario) : ideal_seconds(*v.scenario, model, v.plan)};
}

// Warm-up runs touch every model's code path once (page in code, start schedulers and the
// disk path, bring the CPU clock up) on a single task: a full unmeasured run per model
// would double the classroom's waiting for no better numbers.
void warm_up(const Variant& first, std::size_t base, std::size_t variants, Executor& executor, Session& session) {
  for (std::int64_t w = 0; w < first.plan.warmup; ++w)
    for (std::size_t m = 0; m < first.plan.models.size(); ++m)
      (void)run_step(executor, *first.scenario,
                     {.model = *first.plan.models[m],
                      .scenario = *first.scenario,
                      .tasks = 1,
                      .workers = workers_for(*first.plan.models[m], first.plan),
                      .placement = first.plan.placement},
                     start_of(first, base, m, w, variants, true), session);
}

// One group of variants measured together: warm-ups on the first, then interleaved rounds
// (every model once, then again), so drift on a shared machine hits all models alike instead of
// whichever happened to run last.
std::vector<ScenarioResult> measure_group(std::span<const Variant> group, std::size_t base, Executor& executor,
                                          Session& session) {
  const Variant& first = group.front();
  warm_up(first, base, group.size(), executor, session);
  std::vector<std::vector<std::vector<RunSample>>> samples(group.size());
  for (std::size_t v = 0; v < group.size(); ++v) samples[v].resize(group[v].plan.models.size());
  for (std::int64_t r = 0; r < first.plan.repeat; ++r)
    for (std::size_t v = 0; v < group.size(); ++v) {
      const Variant& variant = group[v];
      for (std::size_t m = 0; m < variant.plan.models.size(); ++m) {
        RunSample sample = run_step(executor, *variant.scenario,
                                    {.model = *variant.plan.models[m],
                                     .scenario = *variant.scenario,
                                     .tasks = variant.scenario->work().size(),
                                     .workers = workers_for(*variant.plan.models[m], variant.plan),
                                     .record_cpu = variant.plan.record_tasks,
                                     .placement = variant.plan.placement},
                                    start_of(variant, base + v, m, r, group.size(), false), session);
        // Every later run is forked from this process, and its peak RSS counts the pages this
        // process holds: task records kept without need would inflate the next rows' memory.
        if (!variant.plan.record_tasks) std::vector<TaskRecord>().swap(sample.tasks);
        samples[v][m].push_back(std::move(sample));
      }
    }
  std::vector<ScenarioResult> results;
  for (std::size_t v = 0; v < group.size(); ++v) results.push_back(summarize_variant(group[v], samples[v]));
  return results;
}

}  // namespace

std::vector<ScenarioResult> measure_variants(std::span<const Variant> variants, Executor& executor) {
  if (variants.empty()) return {};
  Session session;
  expect_group(variants, 0, session.time_left);
  session.display = make_display(variants, session.time_left);
  return measure_group(variants, 0, executor, session);
}

std::vector<ScenarioResult> measure_in_turn(std::span<const Variant> variants, Executor& executor) {
  if (variants.empty()) return {};
  Session session;
  for (std::size_t v = 0; v < variants.size(); ++v) expect_group(variants.subspan(v, 1), v, session.time_left);
  session.display = make_display(variants, session.time_left);
  std::vector<ScenarioResult> results;
  for (std::size_t v = 0; v < variants.size(); ++v)
    results.push_back(measure_group(variants.subspan(v, 1), v, executor, session).front());
  return results;
}

}  // namespace concur
