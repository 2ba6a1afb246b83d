#include "commands/count.hpp"

#include <algorithm>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <vector>

#include <fmt/format.h>

#include "commands/delivery.hpp"
#include "core/parse.hpp"
#include "core/usage_error.hpp"
#include "measure/isolated_run.hpp"
#include "options/binding.hpp"
#include "options/plan.hpp"
#include "registry/registry.hpp"
#include "report/glyphs.hpp"
#include "report/units.hpp"
#include "sys/interrupt.hpp"

namespace concur {
namespace {

constexpr std::size_t kTasks = 3;

struct Row {
  std::string model;
  std::int64_t in_flight;
  double delays;
};

// Computed from what happened: which models kept all three tasks in flight, which one at a time.
std::string takeaway(const std::vector<Row>& rows) {
  std::map<std::int64_t, std::vector<const Row*>, std::greater<>> by_flight;
  for (const auto& r : rows) by_flight[r.in_flight].push_back(&r);
  std::vector<std::string> parts;
  for (const auto& [flight, group] : by_flight) {
    std::vector<std::string> names;
    double lo = group.front()->delays, hi = lo;
    for (const Row* r : group) {
      names.push_back(r->model);
      lo = std::min(lo, r->delays);
      hi = std::max(hi, r->delays);
    }
    const std::string span = hi - lo < 0.05 ? fmt::format("{:.1f}", lo) : fmt::format("{:.1f}–{:.1f}", lo, hi);
    const char* what = flight == static_cast<std::int64_t>(kTasks)
                           ? "had all three waiting at once, so every One came before any Two"
                       : flight == 1 ? "ran each task to its end before the next began"
                                     : "could not hold all three at once, so a One waited for a free slot";
    parts.push_back(
        fmt::format("{} kept {} in flight and {} (≈{} delays)", fmt::join(names, ", "), flight, what, span));
  }
  return fmt::format("{}.", fmt::join(parts, "; "));
}

}  // namespace

namespace {

// The run as a row of the report a lesson's judge reads.
ModelResult measured_row(const ModelInfo& model, const RunSample& s) {
  ModelResult row;
  row.model = std::string(model.name);
  row.baseline = std::string(model.baseline);
  row.tasks = static_cast<std::int64_t>(kTasks);
  row.verified = s.record.verified && s.failure.empty();
  row.failure = s.failure;
  row.wall_s.median = row.wall_s.min = row.wall_s.max = row.wall_s.mean = s.record.wall_s;
  row.cpu_s = s.record.cpu_s;
  row.os_threads = s.record.os_threads;
  row.processes = s.record.processes;
  row.max_in_flight = s.record.max_in_flight;
  row.runs.push_back(s.record);
  return row;
}

}  // namespace

int run_count(const RunPlan& plan, std::chrono::nanoseconds delay, std::ostream& out,
              std::vector<ModelResult>* measured) {
  // The demo is the registered count scenario, so it runs through the same isolated, measured
  // path as every table, and its tasks are ordinary waits that every model already knows.
  const ScenarioInfo* info = find_scenario("count");
  if (info == nullptr) throw std::logic_error("the count scenario is not registered");
  ScenarioOptions options;
  options.tasks = static_cast<std::int64_t>(kTasks);
  options.delay = delay;
  const std::unique_ptr<Scenario> scenario = info->make(options);
  // Wrapped to this terminal and drawn in its character set, like every table.
  const int columns = report_width(false);
  const Glyphs& glyphs = terminal_glyphs();
  const auto shown = [&](std::string_view text) { return in_charset(single_line(text), glyphs.charset); };
  std::size_t width = 0;
  for (const ModelInfo* m : plan.models) width = std::max(width, m->name.size());
  out << hanging_paragraph("",
                           shown(fmt::format("count — {} tasks each print \"One\", wait {}, then print \"Two\"; the "
                                             "words are the tasks' own writes, in the order they happened",
                                             kTasks, format_duration(delay))),
                           columns);
  std::vector<Row> rows;
  bool all_ok = true;
  for (const ModelInfo* model : plan.models) {
    out << fmt::format("{:<{}}  ", model->name, width);
    out.flush();  // before the fork: the tasks write to the same descriptor
    const RunSample s = run_isolated(*model, *scenario, kTasks, plan.workers);
    if (measured != nullptr) measured->push_back(measured_row(*model, s));
    const bool ok = s.record.verified && s.failure.empty();
    if (ok) {
      out << fmt::format("  {}  {}\n", shown(format_seconds(s.record.wall_s)), glyphs.check);
      rows.push_back(Row{.model = std::string(model->name),
                         .in_flight = s.record.max_in_flight,
                         .delays = s.record.wall_s / std::chrono::duration<double>(delay).count()});
    } else {
      // The tasks' words fill the line so far: the reason goes under it, wrapped.
      out << fmt::format("  {}\n", glyphs.cross);
      out << hanging_paragraph("    ", shown(s.failure), columns);
      all_ok = false;
    }
    out.flush();
  }
  if (!rows.empty()) out << hanging_paragraph("takeaway: ", shown(takeaway(rows)), columns);
  out.flush();
  return all_ok ? 0 : 1;
}

namespace {

// The demo's default wait: long enough to watch the words appear, short enough to wait for.
constexpr std::chrono::seconds kCountDelay{1};

// A parsed count command line goes to a sink: the command line turns it into the action;
// `lesson` runs the demo itself.
void bind_count_command(CommandLine& line, const std::function<void(CountRequest)>& sink, unsigned cores) {
  Command sub = line.add("count", "three tasks print One, wait, print Two: coroutines live");
  // The demo's workload is the registered count scenario; its options are the count command's.
  static const ScenarioInfo* const scenario = find_scenario("count");
  const auto chosen = scenario != nullptr ? std::span(&scenario, 1) : std::span<const ScenarioInfo* const>();
  auto binding = std::make_shared<OptionBinding>(sub.cli(), kCountCommand, chosen);
  binding->show_default("delay", format_duration(kCountDelay));
  sub.footer("Example:\n  concur-demo count --model sequential,thread,async");
  sub.on_chosen([sink, binding, chosen, cores] {
    const Settings settings = binding->settings(chosen);
    PlannedRun planned = plan_run(settings, cores);
    const std::chrono::nanoseconds delay = settings.scenario.delay.value_or(kCountDelay);
    if (delay.count() <= 0)
      throw UsageError(fmt::format("invalid --delay '{}': count needs a wait to show", format_duration(delay)));
    sink(CountRequest{.plan = std::move(planned.plan), .delay = delay, .notes = std::move(planned.notes)});
  });
}

}  // namespace

void add_count_command(CommandLine& line, Action& action, unsigned cores) {
  bind_count_command(
      line,
      [&action](CountRequest request) {
        action = [request = std::move(request)] {
          for (const auto& note : request.notes) std::cerr << "concur-demo: note: " << note << '\n';
          if (request.plan.models.empty()) return 0;
          install_interrupt_handlers();
          return run_count(request.plan, request.delay, std::cout);
        };
      },
      cores);
}

CountRequest parse_count_command(const std::vector<std::string>& args, unsigned cores) {
  std::optional<CountRequest> parsed;
  parse_alone(args, [&parsed, cores](CommandLine& line) {
    bind_count_command(
        line, [&parsed](CountRequest request) { parsed = std::move(request); }, cores);
  });
  if (!parsed) throw UsageError(fmt::format("'{}' is not the count command", fmt::join(args, " ")));
  return std::move(*parsed);
}

}  // namespace concur
