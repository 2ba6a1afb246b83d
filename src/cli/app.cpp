#include "cli/app.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "analysis/metric.hpp"
#include "commands/explain.hpp"
#include "core/parse.hpp"
#include "options/model_selection.hpp"
#include "registry/registry.hpp"
#include "report/reporter.hpp"
#include "sys/atomic_file.hpp"

namespace concur {
namespace {

// Raw text of every option; judged after CLI11 has split the line, by our own parsers.
struct RawOptions {
  std::string models = "all";
  std::string tasks, workers, repeat = "3", warmup = "1", format = "table", output;
  std::string delay, size, dir, cache = "cold", factorial;
  std::string trace, topic;
  bool timeline = false, offload = false, blocking = false;
  bool ignore_limits = false;
};

// Raw text of the options only `sweep` has.
struct SweepRaw {
  std::string scenario, vary, metric = "wall", svg;
};

struct Command {
  std::string name;
  std::string blurb;
  std::vector<const ScenarioInfo*> scenarios;
};

// Commands come from the registry: one per scenario, one per group ("io", "cpu"), and "all".
std::vector<Command> commands() {
  std::vector<Command> out;
  std::vector<std::string> groups;
  for (const auto& s : scenarios())
    if (!s.hidden && std::find(groups.begin(), groups.end(), s.group) == groups.end()) groups.emplace_back(s.group);
  for (const auto& g : groups) {
    Command c{g, {}, {}};
    std::vector<std::string> names;
    for (const auto& s : scenarios())
      if (s.group == g && !s.hidden) {
        c.scenarios.push_back(&s);
        names.emplace_back(s.name);
      }
    c.blurb = fmt::format("the {}-bound scenarios: {}", g == "io" ? "I/O" : "CPU", fmt::join(names, " + "));
    out.push_back(std::move(c));
  }
  for (const auto& s : scenarios())
    if (!s.hidden) out.push_back(Command{std::string(s.name), std::string(s.blurb), {&s}});
  Command all{"all", "every scenario, one table each (the classroom default)", {}};
  for (const auto& s : scenarios())
    if (!s.hidden) all.scenarios.push_back(&s);
  out.push_back(std::move(all));
  return out;
}

std::string model_help() {
  std::vector<std::string> core, other;
  for (const auto& m : models()) (m.kind == ModelKind::core ? core : other).emplace_back(m.name);
  return fmt::format("models to run: {} or all; also {} (py: every Python row)", fmt::join(core, ","),
                     fmt::join(other, ","));
}

void add_run_options(CLI::App& app, RawOptions& raw) {
  app.add_option("-m,--model", raw.models, model_help())->default_str("all");
  app.add_option("-n,--tasks", raw.tasks, "tasks per run (default: the scenario's own)");
  app.add_option("-w,--workers", raw.workers, "worker threads for pool and fiber (default: cores)");
  app.add_option("-r,--repeat", raw.repeat, "measured runs per model; the median is reported")->default_str("3");
  app.add_option("--warmup", raw.warmup, "unmeasured single-task runs per model before measuring")->default_str("1");
  app.add_option("--format", raw.format, "output format: table, markdown, csv or json")->default_str("table");
  app.add_option("-o,--output", raw.output, "write the report to FILE instead of standard output");
  app.add_option("--delay", raw.delay, "sleep: how long each task waits, e.g. 100ms, 1s")->default_str("100ms");
  app.add_option("--size", raw.size, "files: size of each generated file, e.g. 4MiB")->default_str("4MiB");
  app.add_option("--dir", raw.dir, "files: read the regular files in DIR instead (read-only)");
  app.add_option("--cache", raw.cache, "files: cold (evict before each run) or warm")->default_str("cold");
  app.add_option("--factorial", raw.factorial, "factorial: compute k! in each task")->default_str("40000");
  app.add_flag("--ignore-limits", raw.ignore_limits,
               "run even when the machine's limits (threads, processes, memory) say a model cannot: its row "
               "then shows where creation failed");
  app.add_flag("--timeline", raw.timeline, "draw each row's tasks over time under the table (table format)");
  app.add_option("--trace", raw.trace, "also write the task records as a Chrome trace (Perfetto) to FILE.json");
  app.add_flag("--blocking", raw.blocking, "add async-blocking: async with a blocking call in each coroutine");
  app.add_flag("--offload", raw.offload, "add async-offload: async handing computations to a thread pool");
}

void add_count_options(CLI::App& app, RawOptions& raw) {
  app.add_option("-m,--model", raw.models, model_help())->default_str("all");
  app.add_option("-w,--workers", raw.workers, "worker threads for pool and fiber (default: cores)");
  app.add_option("--delay", raw.delay, "how long each task waits between One and Two")->default_str("1s");
  app.add_flag("--blocking", raw.blocking, "add async-blocking: async with a blocking call in each coroutine");
}

std::vector<std::string_view> flag_models(const RawOptions& raw) {
  std::vector<std::string_view> also;
  if (raw.blocking) also.emplace_back("async-blocking");
  if (raw.offload) also.emplace_back("async-offload");
  return also;
}

unsigned workers_of(const RawOptions& raw, unsigned cores) {
  return raw.workers.empty() ? cores : static_cast<unsigned>(parse_count(raw.workers, 1, 1024, "--workers"));
}

void check_output_path(const std::string& path) {
  namespace fs = std::filesystem;
  const fs::path p(path);
  const fs::path dir = p.has_parent_path() ? p.parent_path() : fs::path(".");
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
    throw UsageError(
        fmt::format("invalid --output '{}': directory '{}' does not exist (create it first or choose another)", path,
                    dir.string()));
  if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
    throw UsageError(fmt::format("invalid --output '{}': is a directory (give a file name)", path));
  // The report replaces the file whole (a rename): over a device such as /dev/null that would
  // put a plain file where the device was.
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode))
    throw UsageError(fmt::format("invalid --output '{}': not a regular file (leave out -o to print the report)", path));
  try {
    check_atomic_write_possible(path);
  } catch (const std::system_error& e) {
    throw UsageError(
        fmt::format("invalid --output '{}': cannot create a file in '{}': {} (choose a writable directory)", path,
                    dir.string(), e.code().message()));
  }
}

Invocation build(const Command& command, const RawOptions& raw, unsigned cores) {
  Invocation inv;
  inv.action = Invocation::Action::run;
  inv.scenarios = command.scenarios;
  ModelSelection selection = select_models(raw.models, flag_models(raw));
  inv.plan.models = std::move(selection.models);
  inv.notes = std::move(selection.notes);
  inv.plan.cores = cores;
  inv.plan.workers = workers_of(raw, cores);
  inv.plan.repeat = parse_count(raw.repeat, 1, 1000, "--repeat");
  inv.plan.warmup = parse_count(raw.warmup, 0, 100, "--warmup");
  inv.plan.show_progress = true;
  auto& so = inv.scenario_options;
  if (!raw.tasks.empty()) so.tasks = parse_count(raw.tasks, 1, 1'000'000, "--tasks");
  if (!raw.delay.empty()) so.delay = parse_duration(raw.delay);
  if (!raw.size.empty()) so.size = parse_size(raw.size);
  if (!raw.dir.empty()) so.dir = raw.dir;
  if (raw.cache != "cold" && raw.cache != "warm")
    throw UsageError(fmt::format("invalid --cache '{}' (use cold or warm)", raw.cache));
  so.warm_cache = raw.cache == "warm";
  if (!raw.factorial.empty())
    so.factorial = static_cast<std::uint32_t>(parse_count(raw.factorial, 1, 1'000'000, "--factorial"));
  const auto& formats = report_formats();
  if (std::find(formats.begin(), formats.end(), raw.format) == formats.end())
    throw UsageError(fmt::format("invalid --format '{}' (use {})", raw.format, fmt::join(formats, ", ")));
  inv.format = raw.format;
  inv.ignore_limits = raw.ignore_limits;
  if (!raw.output.empty()) {
    check_output_path(raw.output);
    inv.output = raw.output;
  }
  if (raw.timeline && raw.format != "table")
    throw UsageError(
        fmt::format("--timeline draws under the table; it cannot go with --format {} (try --trace FILE)", raw.format));
  inv.timeline = raw.timeline;
  if (!raw.trace.empty()) {
    check_output_path(raw.trace);
    inv.trace = raw.trace;
  }
  inv.plan.record_tasks = inv.timeline || inv.trace.has_value();
  return inv;
}

Invocation build_count(const RawOptions& raw, unsigned cores) {
  Invocation inv;
  inv.action = Invocation::Action::count;
  ModelSelection selection = select_models(raw.models, flag_models(raw));
  inv.plan.models = std::move(selection.models);
  inv.notes = std::move(selection.notes);
  inv.plan.cores = cores;
  inv.plan.workers = workers_of(raw, cores);
  inv.scenario_options.delay = parse_duration(raw.delay.empty() ? "1s" : raw.delay);
  if (inv.scenario_options.delay->count() <= 0)
    throw UsageError(fmt::format("invalid --delay '{}': count needs a wait to show", raw.delay));
  return inv;
}

void add_sweep_options(CLI::App& app, SweepRaw& raw) {
  std::vector<std::string> scenario_names, metric_names;
  for (const auto& s : scenarios()) scenario_names.emplace_back(s.name);
  for (const auto& m : metrics()) metric_names.emplace_back(m.name);
  app.add_option("scenario", raw.scenario, fmt::format("the scenario to sweep: {}", fmt::join(scenario_names, ", ")))
      ->required();
  app.add_option("--vary", raw.vary, "KEY=V1,V2,…: tasks, workers, or the scenario's own delay, size, factorial")
      ->required();
  app.add_option("--metric", raw.metric,
                 fmt::format("what the table and chart show: {}", fmt::join(metric_names, ", ")))
      ->default_str("wall");
  app.add_option("--svg", raw.svg, "also write the chart as an SVG file");
}

Invocation build_sweep(const RawOptions& raw, const SweepRaw& sweep, unsigned cores) {
  const ScenarioInfo* info = find_scenario(sweep.scenario);
  if (info == nullptr) {
    std::vector<std::string> names;
    for (const auto& s : scenarios()) names.emplace_back(s.name);
    throw UsageError(
        fmt::format("unknown scenario '{}' for sweep (scenarios: {})", sweep.scenario, fmt::join(names, ", ")));
  }
  Invocation inv = build(Command{std::string(info->name), {}, {info}}, raw, cores);
  inv.action = Invocation::Action::sweep;
  if (find_metric(sweep.metric) == nullptr) {
    std::vector<std::string> names;
    for (const auto& m : metrics()) names.emplace_back(m.name);
    throw UsageError(fmt::format("invalid --metric '{}' (use {})", sweep.metric, fmt::join(names, ", ")));
  }
  inv.sweep.metric = sweep.metric;
  const VarySpec spec = parse_vary(sweep.vary);
  inv.sweep.key = spec.key;
  inv.sweep.points = sweep_points(*info, spec, inv.scenario_options, inv.plan.workers, !raw.workers.empty());
  if (!sweep.svg.empty()) {
    check_output_path(sweep.svg);
    if (inv.output && *inv.output == sweep.svg) throw UsageError("--svg and --output name the same file");
    inv.sweep.svg = sweep.svg;
  }
  return inv;
}

std::string one_line(std::string text) {
  std::replace(text.begin(), text.end(), '\n', ' ');
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

}  // namespace

Invocation parse_command_line(int argc, const char* const* argv, unsigned cores) {
  const auto all_commands = commands();
  CLI::App app{
      "concur-demo: the same workloads under sequential, thread, fork, pool, async and fiber models,\n"
      "measured on this machine, in one table.",
      "concur-demo"};
  app.require_subcommand(0, 1);
  RawOptions raw;
  std::vector<std::pair<CLI::App*, const Command*>> subs;
  for (const auto& c : all_commands) {
    CLI::App* sub = app.add_subcommand(c.name, c.blurb);
    add_run_options(*sub, raw);
    subs.emplace_back(sub, &c);
  }
  CLI::App* list = app.add_subcommand("list", "list the scenarios and models with a line on each");
  SweepRaw sweep_raw;
  CLI::App* sweep =
      app.add_subcommand("sweep", "one scenario at several values of --vary KEY=V1,V2,…: one table and a chart");
  add_run_options(*sweep, raw);
  add_sweep_options(*sweep, sweep_raw);

  CLI::App* explain = app.add_subcommand("explain", "what a model, scenario or lesson teaches; alone: the lessons");
  explain->add_option("topic", raw.topic, "a model, a scenario or a lesson");
  CLI::App* count = app.add_subcommand("count", "three tasks print One, wait, print Two: coroutines live");
  add_count_options(*count, raw);

  if (argc > 1 && argv[1][0] != '-') {
    const std::string_view first = argv[1];
    const bool known =
        first == "list" || first == "sweep" || first == "explain" || first == "count" ||
        std::any_of(all_commands.begin(), all_commands.end(), [&](const Command& c) { return c.name == first; });
    if (!known) {
      std::vector<std::string> names;
      for (const auto& c : all_commands) names.push_back(c.name);
      for (const char* extra : {"list", "sweep", "explain", "count"}) names.emplace_back(extra);
      throw UsageError(fmt::format("unknown command '{}' (commands: {})", first, fmt::join(names, ", ")));
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    Invocation inv;
    // Help for the subcommand the user typed, if any, else the whole tool.
    const CLI::App* target = &app;
    for (const auto& [sub, cmd] : subs)
      if (sub->parsed()) target = sub;
    for (const CLI::App* sub : {sweep, explain, count})
      if (sub->parsed()) target = sub;
    inv.help_text = target->help();
    return inv;
  } catch (const CLI::ParseError& e) {
    throw UsageError(fmt::format("{} (see concur-demo --help)", one_line(e.what())));
  }
  if (list->parsed()) {
    Invocation inv;
    inv.action = Invocation::Action::list;
    return inv;
  }
  if (sweep->parsed()) {
    try {
      return build_sweep(raw, sweep_raw, cores);
    } catch (const ParseError& e) {
      throw UsageError(e.what());
    }
  }
  if (explain->parsed()) {
    if (!raw.topic.empty() && !explain_knows(raw.topic))
      throw UsageError(
          fmt::format("nothing to explain about '{}' (concur-demo explain lists the lessons; "
                      "concur-demo list the models and scenarios)",
                      raw.topic));
    Invocation inv;
    inv.action = Invocation::Action::explain;
    inv.topic = raw.topic;
    return inv;
  }
  if (count->parsed()) {
    try {
      return build_count(raw, cores);
    } catch (const ParseError& e) {
      throw UsageError(e.what());
    }
  }
  for (const auto& [sub, cmd] : subs)
    if (sub->parsed()) {
      try {
        return build(*cmd, raw, cores);
      } catch (const ParseError& e) {
        throw UsageError(e.what());
      }
    }
  Invocation inv;
  inv.help_text = app.help();
  return inv;
}

}  // namespace concur
