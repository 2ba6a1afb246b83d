#include "commands/run.hpp"

#include <algorithm>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "commands/pipeline.hpp"
#include "core/usage_error.hpp"
#include "measure/live_view.hpp"
#include "options/binding.hpp"
#include "options/output_files.hpp"
#include "options/plan.hpp"
#include "registry/registry.hpp"

namespace concur {
namespace {

struct RunCommand {
  std::string name;
  std::string blurb;
  std::vector<const ScenarioInfo*> scenarios;
};

// One command per group ("io", "cpu"), one per scenario, and "all", in the order help lists them.
std::vector<RunCommand> run_commands() {
  std::vector<const ScenarioInfo*> shown;
  for (const auto& s : scenarios())
    if (!s.hidden) shown.push_back(&s);
  std::vector<std::string_view> groups;
  for (const ScenarioInfo* s : shown)
    if (std::find(groups.begin(), groups.end(), s->group) == groups.end()) groups.push_back(s->group);
  std::vector<RunCommand> out;
  for (const std::string_view g : groups) {
    RunCommand c{.name = std::string(g), .blurb = {}, .scenarios = {}};
    std::vector<std::string_view> names;
    for (const ScenarioInfo* s : shown)
      if (s->group == g) {
        c.scenarios.push_back(s);
        names.push_back(s->name);
      }
    c.blurb = fmt::format("the {}-bound scenarios: {}", g == "io" ? "I/O" : "CPU", fmt::join(names, " + "));
    out.push_back(std::move(c));
  }
  for (const ScenarioInfo* s : shown)
    out.push_back(RunCommand{.name = std::string(s->name), .blurb = std::string(s->blurb), .scenarios = {s}});
  out.push_back(
      RunCommand{.name = "all", .blurb = "every scenario, one table each (the classroom default)", .scenarios = shown});
  return out;
}

std::string examples(const RunCommand& c) {
  return fmt::format(
      "Examples:\n"
      "  concur-demo {0} --model sequential,thread,async --timeline\n"
      "  concur-demo {0} --format json -o {0}.json",
      c.name);
}

Measurement measurement_of(const RunCommand& command, const Settings& s, const RunPlan& plan) {
  if (s.output.timeline && s.output.format != Format::table)
    throw UsageError(fmt::format("--timeline draws under the table; it cannot go with --format {} (try --trace FILE)",
                                 format_info(s.output.format).name));
  check_outputs(s);
  if (s.output.live)
    if (std::string why = live_refusal(); !why.empty()) throw UsageError(why);
  Measurement m{.jobs = {}, .sweep = std::nullopt, .output = s.output, .ignore_limits = s.ignore_limits};
  for (const ScenarioInfo* info : command.scenarios)
    m.jobs.push_back(Job{.info = info, .options = s.scenario, .plan = plan, .swept_value = {}, .swept_label = {}});
  return m;
}

}  // namespace

namespace {

// What a parsed scenario command asks to measure goes to a sink: the command line turns it into
// the action; `lesson` measures it itself.
using MeasurementSink = std::function<void(Measurement, std::vector<std::string>)>;

void bind_run_commands(CommandLine& line, const MeasurementSink& sink, unsigned cores) {
  for (RunCommand& command : run_commands()) {
    Command sub = line.add(command.name, command.blurb);
    sub.footer(examples(command));
    auto binding = std::make_shared<OptionBinding>(sub.cli(), kRunCommands, command.scenarios);
    sub.on_chosen([sink, binding, command = std::move(command), cores] {
      const Settings settings = binding->settings(command.scenarios);
      PlannedRun planned = plan_run(settings, cores);
      sink(measurement_of(command, settings, planned.plan), std::move(planned.notes));
    });
  }
}

}  // namespace

void add_run_commands(CommandLine& line, Action& action, unsigned cores) {
  bind_run_commands(
      line,
      [&action](Measurement m, std::vector<std::string> notes) {
        action = measuring_action(std::move(m), std::move(notes));
      },
      cores);
}

ParsedRun parse_run_command(const std::vector<std::string>& args, unsigned cores) {
  std::optional<ParsedRun> parsed;
  parse_alone(args, [&parsed, cores](CommandLine& line) {
    bind_run_commands(
        line,
        [&parsed](Measurement m, std::vector<std::string> notes) {
          parsed = ParsedRun{.measurement = std::move(m), .notes = std::move(notes)};
        },
        cores);
  });
  if (!parsed) throw UsageError(fmt::format("'{}' is not a scenario command", fmt::join(args, " ")));
  return std::move(*parsed);
}

}  // namespace concur
