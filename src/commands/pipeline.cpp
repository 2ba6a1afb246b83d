#include "commands/pipeline.hpp"

#include <iostream>
#include <memory>
#include <optional>
#include <sstream>

#include "analysis/takeaway.hpp"
#include "commands/delivery.hpp"
#include "core/usage_error.hpp"
#include "measure/calibration.hpp"
#include "measure/limits.hpp"
#include "measure/machine.hpp"
#include "options/output_files.hpp"
#include "report/charts/chart_svg.hpp"
#include "report/html.hpp"
#include "report/reporter.hpp"
#include "report/timeline_svg.hpp"
#include "report/trace.hpp"
#include "scenarios/support/temp_dir.hpp"
#include "sys/command_line.hpp"
#include "sys/interrupt.hpp"

namespace concur {
namespace {

// How many tasks a job runs, and whether they hold files, known before it is built when it can be.
ScenarioSize job_size(const Job& job) {
  if (job.info->size != nullptr) return job.info->size(job.options);
  ScenarioSize size;
  size.tasks = static_cast<std::int64_t>(job.info->make(job.options)->work().size());
  return size;
}

// Refuses what this machine cannot run (exit 2) before anything is built: building may take long
// (generating files, computing a reference k!), and a refusal must not wait for it.
void check_limits(const std::vector<Job>& jobs) {
  const MachineLimits limits = probe_limits();
  for (const Job& job : jobs)
    if (auto why = scenario_limit_problem(*job.info, job_size(job), job.plan, limits); !why.empty())
      throw UsageError(why);
}

// In a sweep, a point a model cannot run here (threads beyond pid_max at 100,000 tasks) is left
// out for that model with a note, so the others still draw their whole curve; only a sweep that
// nothing could run is refused. Returns the jobs that remain.
std::vector<Job> drop_refused_points(const std::vector<Job>& jobs) {
  const MachineLimits limits = probe_limits();
  std::vector<Job> runnable = jobs;
  std::string first_refusal;
  bool any_left = false;
  for (Job& job : runnable) {
    const ScenarioSize size = job_size(job);
    std::erase_if(job.plan.models, [&](const ModelInfo* model) {
      const std::string why =
          model_limit_problem(job.info->name, *model, size.tasks, job.plan.workers, limits, size.holds_files);
      if (why.empty()) return false;
      if (first_refusal.empty()) first_refusal = why;
      std::cerr << "concur-demo: note: " << model->name << " left out at " << job.swept_label
                << ": the limit check refused it (" << why << ")\n";
      return true;
    });
    any_left = any_left || !job.plan.models.empty();
  }
  if (!any_left && !first_refusal.empty()) throw UsageError(first_refusal);
  return runnable;
}

// Every job's scenario is built before anything is measured: a bad --dir must fail before the
// first table, not after the sleep scenario has taken half a minute.
// What only a built scenario knows (net: ports, its server's cap) is checked as each is built.
std::vector<std::unique_ptr<Scenario>> build_scenarios(const std::vector<Job>& jobs, bool check) {
  std::vector<std::unique_ptr<Scenario>> built;
  built.reserve(jobs.size());
  const MachineLimits limits = probe_limits();
  for (const Job& job : jobs) {
    built.push_back(job.info->make(job.options));
    if (!check) continue;
    if (auto why = scenario_concurrency_problem(*job.info, *built.back(), job.plan, limits); !why.empty())
      throw UsageError(why);
  }
  return built;
}

// Refuses what a model cannot do where it is placed (mpi reading files other hosts cannot see),
// before anything is built or measured (exit 2); --ignore-limits does not lift it.
void check_placements(const std::vector<Job>& jobs) {
  for (const Job& job : jobs)
    for (const ModelInfo* model : job.plan.models)
      if (model->refuses != nullptr)
        if (auto why = model->refuses(job.info->name, job.options, job.plan.placement); !why.empty())
          throw UsageError(why);
}

// A model that launches its workers (mpi) needs a directory for what the launcher writes on
// this machine; one of the tool's own, so an interrupt removes it with the rest.
std::optional<TempDir> launch_scratch(const std::vector<Job>& jobs) {
  for (const Job& job : jobs)
    for (const ModelInfo* model : job.plan.models)
      if (model->worker_unit == WorkerUnit::rank) return std::optional<TempDir>(std::in_place);
  return std::nullopt;
}

// A sweep's points are measured in one interleaved session (drift hits every point alike); the
// scenarios of an ordinary run are measured one after another, each interleaving its models.
std::vector<ScenarioResult> measure(const Measurement& m, const std::vector<std::unique_ptr<Scenario>>& built,
                                    const std::optional<TempDir>& scratch) {
  std::vector<Variant> variants;
  for (std::size_t i = 0; i < m.jobs.size(); ++i) {
    variants.push_back(Variant{.info = m.jobs[i].info, .scenario = built[i].get(), .plan = m.jobs[i].plan});
    if (scratch) variants.back().plan.placement.scratch_dir = scratch->path();
  }
  if (m.sweep) return measure_variants(variants);
  std::vector<ScenarioResult> results = measure_in_turn(variants);
  for (std::size_t i = 0; i < results.size(); ++i)
    results[i].takeaway = compute_takeaway(results[i], variants[i].scenario->bound(), variants[i].plan.cores);
  return results;
}

// A copy of the report in a file format (an export): plain text, the sweep's form for a sweep.
std::string rendered(Format format, const Report& report, bool sweep) {
  std::ostringstream text;
  make_reporter(format, RenderOptions{.color = false, .width = report_width(true), .timeline = false}, sweep)
      ->write(report, text);
  return text.str();
}

// Everything the command line asked for beside the report it prints: the trace, the pictures,
// the HTML pages and the exports, each rendered from the one finished report and written
// atomically (a reader never sees half a file, an interrupted write leaves the old one).
void write_files(const Measurement& m, const Report& report) {
  const OutputSettings& o = m.output;
  const PictureOptions picture{.title = o.title, .use = SvgUse::file};
  if (o.trace) {
    std::ostringstream trace;
    write_trace(report, trace);
    write_output("--trace", *o.trace, trace.str());
  }
  if (o.svg) write_output("--svg", *o.svg, m.sweep ? svg_chart(report, picture) : timeline_svg(report, picture));
  if (o.timeline_svg) write_output("--timeline-svg", *o.timeline_svg, timeline_svg(report, picture));
  for (const std::string& path : o.html) write_output("--html", path, html_report(report, o.title));
  for (const ExportFile& e : o.exports)
    write_output(export_option(e.format), e.path, rendered(e.format, report, m.sweep.has_value()));
}

}  // namespace

void write_report(const Measurement& m, const Report& report) {
  const RenderOptions render = render_options(m.output);
  write_files(m, report);
  std::ostringstream text;
  make_reporter(m.output.format, render, m.sweep.has_value())->write(report, text);
  deliver(text.str(), m.output.file);
}

Report measure_report(const Measurement& m) {
  install_interrupt_handlers();
  check_placements(m.jobs);
  remove_stale_temp_dirs();
  Measurement runnable = m;
  if (m.sweep && !m.ignore_limits) {
    runnable.jobs = drop_refused_points(m.jobs);
  } else if (!m.ignore_limits) {
    check_limits(m.jobs);
  }
  const auto built = build_scenarios(runnable.jobs, !m.ignore_limits);
  Report report;
  report.version = CONCUR_VERSION;
  report.machine = probe_machine();
  report.calibration = calibrate_bookkeeping();
  report.sweep = m.sweep;
  report.command_line = shell_command(own_arguments());
  const std::optional<TempDir> scratch = launch_scratch(runnable.jobs);
  std::vector<ScenarioResult> results = measure(runnable, built, scratch);
  // The results follow the jobs that ran: a sweep may have left refused points out.
  for (std::size_t i = 0; i < results.size(); ++i) {
    results[i].swept_value = runnable.jobs[i].swept_value;
    results[i].swept_label = runnable.jobs[i].swept_label;
    report.scenarios.push_back(std::move(results[i]));
  }
  attribute_bookkeeping(report);
  return report;
}

int run_measurement(const Measurement& m) {
  const Report report = measure_report(m);
  write_report(m, report);
  bool all_verified = true;
  for (const ScenarioResult& scenario : report.scenarios)
    for (const auto& row : scenario.rows) all_verified = all_verified && row.verified;
  return all_verified ? 0 : 1;
}

Action measuring_action(Measurement measurement, std::vector<std::string> notes) {
  return [m = std::move(measurement), notes = std::move(notes)] {
    for (const auto& note : notes) std::cerr << "concur-demo: note: " << note << '\n';
    if (m.jobs.empty() || m.jobs.front().plan.models.empty()) return 0;
    return run_measurement(m);
  };
}

}  // namespace concur
