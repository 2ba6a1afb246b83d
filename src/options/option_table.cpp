#include "options/option_table.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "analysis/metric.hpp"
#include "core/endpoint.hpp"
#include "core/parse.hpp"
#include "core/suggest.hpp"
#include "core/usage_error.hpp"
#include "options/output_path.hpp"

namespace concur {
namespace {

// Limits chosen so a typo cannot ask for an afternoon of measuring or more memory than a laptop
// has; the machine's own limits are checked later, against what each model needs.
constexpr std::int64_t kMaxTasks = 1'000'000;
constexpr std::int64_t kMaxWorkers = 1024;
constexpr std::int64_t kMaxRepeat = 1000;
constexpr std::int64_t kMaxWarmup = 100;
constexpr std::int64_t kMaxFactorial = 1'000'000;
constexpr std::int64_t kMaxConnections = 10'000'000;
// Open MPI starts thousands of ranks on a cluster; on one machine a few hundred already crawl.
constexpr std::int64_t kMaxRanks = 4096;

constexpr unsigned kMeasuring = kRunCommands | kSweepCommand;
// What reports, measured or read back (compare): the output options.
constexpr unsigned kReporting = kMeasuring | kCompareCommand;

std::int64_t as_count(const OptionValue& v) { return std::get<std::int64_t>(v); }
std::string as_text(const OptionValue& v) { return std::get<std::string>(v); }

std::vector<std::string_view> format_names() {
  std::vector<std::string_view> names;
  for (const FormatInfo& f : formats()) names.push_back(f.name);
  return names;
}

std::vector<std::string_view> metric_names() {
  std::vector<std::string_view> names;
  for (const Metric& m : metrics()) names.push_back(m.name);
  return names;
}

std::vector<std::string_view> cache_states() { return {"cold", "warm"}; }

// The table. Help lines say what the option does for the reader of --help; the scenario an
// option belongs to is named by `scenarios`, so help and errors can say it without repeating it.
// clang-format off
const std::array<OptionSpec, 39> kOptions{{
    {.name = "model", .kind = ValueKind::models, .group = OptionGroup::runs, .commands = kMeasuring | kCountCommand,
     .help = "models to run, comma-separated",
     .store = [](const OptionValue& v, Settings& s) { s.models = as_text(v); },
     .short_name = 'm', .default_text = "all"},
    {.name = "tasks", .kind = ValueKind::count, .group = OptionGroup::runs, .commands = kMeasuring,
     .help = "tasks per run (default: the scenario's own)",
     .store = [](const OptionValue& v, Settings& s) { s.scenario.tasks = as_count(v); },
     .short_name = 'n', .min = 1, .max = kMaxTasks, .sweep_unit = "tasks"},
    {.name = "workers", .kind = ValueKind::count, .group = OptionGroup::runs, .commands = kMeasuring | kCountCommand,
     .help = "worker threads for pool and fiber (default: one per core)",
     .store = [](const OptionValue& v, Settings& s) { s.workers = static_cast<unsigned>(as_count(v)); },
     .short_name = 'w', .min = 1, .max = kMaxWorkers, .sweep_unit = "workers"},
    {.name = "repeat", .kind = ValueKind::count, .group = OptionGroup::runs, .commands = kMeasuring,
     .help = "measured runs per model; the median is reported",
     .store = [](const OptionValue& v, Settings& s) { s.repeat = as_count(v); },
     .short_name = 'r', .default_text = "3", .min = 1, .max = kMaxRepeat},
    {.name = "warmup", .kind = ValueKind::count, .group = OptionGroup::runs, .commands = kMeasuring,
     .help = "unmeasured single-task runs per model before measuring",
     .store = [](const OptionValue& v, Settings& s) { s.warmup = as_count(v); },
     .default_text = "1", .min = 0, .max = kMaxWarmup},
    {.name = "ignore-limits", .kind = ValueKind::flag, .group = OptionGroup::runs, .commands = kMeasuring,
     .help = "run even when this machine's limits say a model cannot: its row then shows where it failed",
     .store = [](const OptionValue&, Settings& s) { s.ignore_limits = true; }},
    {.name = "blocking", .kind = ValueKind::flag, .group = OptionGroup::runs, .commands = kMeasuring | kCountCommand,
     .help = "add async-blocking: async with a blocking call in each coroutine",
     .store = [](const OptionValue&, Settings& s) { s.flag_models.emplace_back("async-blocking"); }},
    {.name = "offload", .kind = ValueKind::flag, .group = OptionGroup::runs, .commands = kMeasuring,
     .help = "add async-offload: async handing computations to a thread pool",
     .store = [](const OptionValue&, Settings& s) { s.flag_models.emplace_back("async-offload"); }},
    {.name = "ranks", .kind = ValueKind::count, .group = OptionGroup::runs, .commands = kMeasuring,
     .help = "processes mpirun starts for the mpi model (default: one per core)",
     .store = [](const OptionValue& v, Settings& s) { s.ranks = static_cast<unsigned>(as_count(v)); },
     .min = 1, .max = kMaxRanks, .sweep_unit = "ranks"},
    {.name = "hosts", .kind = ValueKind::input_file, .group = OptionGroup::runs, .commands = kMeasuring,
     .help = "an Open MPI hostfile: the machines the mpi model's ranks run on (default: this one)",
     .store = [](const OptionValue& v, Settings& s) { s.hosts = as_text(v); }},
    {.name = "launch-timeout", .kind = ValueKind::duration, .group = OptionGroup::runs, .commands = kMeasuring,
     .help = "an mpi launch that takes longer fails its row",
     .store = [](const OptionValue& v, Settings& s) { s.launch_timeout = std::get<std::chrono::nanoseconds>(v); },
     .default_text = "30s"},
    {.name = "delay", .kind = ValueKind::duration, .group = OptionGroup::workload,
     .commands = kMeasuring | kCountCommand,
     .help = "how long each task waits",
     .store = [](const OptionValue& v, Settings& s) { s.scenario.delay = std::get<std::chrono::nanoseconds>(v); },
     .default_text = "100ms", .scenarios = "sleep count", .sweep_unit = "s"},
    {.name = "size", .kind = ValueKind::size, .group = OptionGroup::workload, .commands = kMeasuring,
     .help = "bytes per task: each generated file (files: 4MiB), each response body (net: 64KiB)",
     .store = [](const OptionValue& v, Settings& s) { s.scenario.size = std::get<std::uint64_t>(v); },
     .scenarios = "files net", .sweep_unit = "B"},
    {.name = "dir", .kind = ValueKind::dir, .group = OptionGroup::workload, .commands = kMeasuring,
     .help = "read the regular files in DIR instead of generated ones (read-only)",
     .store = [](const OptionValue& v, Settings& s) { s.scenario.dir = as_text(v); },
     .scenarios = "files"},
    {.name = "cache", .kind = ValueKind::choice, .group = OptionGroup::workload, .commands = kMeasuring,
     .help = "cold evicts the files from the page cache before each run; warm leaves them in",
     .store = [](const OptionValue& v, Settings& s) { s.scenario.warm_cache = as_text(v) == "warm"; },
     .default_text = "cold", .scenarios = "files", .choices = cache_states},
    {.name = "factorial", .kind = ValueKind::count, .group = OptionGroup::workload, .commands = kMeasuring,
     .help = "compute k! in each task",
     .store = [](const OptionValue& v, Settings& s) { s.scenario.factorial = static_cast<std::uint32_t>(as_count(v)); },
     .default_text = "40000", .scenarios = "factorial", .min = 1, .max = kMaxFactorial, .sweep_unit = "k"},
    {.name = "latency", .kind = ValueKind::duration, .group = OptionGroup::workload,
     .commands = kMeasuring | kServeCommand,
     .help = "how long the server waits before it answers each request (serve: when a request names none)",
     .store = [](const OptionValue& v, Settings& s) { s.scenario.latency = std::get<std::chrono::nanoseconds>(v); },
     .default_text = "100ms", .scenarios = "net", .sweep_unit = "s"},
    {.name = "server", .kind = ValueKind::text, .group = OptionGroup::workload, .commands = kMeasuring,
     .help = "fetch from a concur-demo serve at HOST:PORT (default: a server of the tool's own, on 127.0.0.1)",
     .store = [](const OptionValue& v, Settings& s) {
       s.scenario.server = format_endpoint(parse_endpoint(as_text(v), "--server")); },
     .scenarios = "net"},
    {.name = "port", .kind = ValueKind::count, .group = OptionGroup::server, .commands = kServeCommand,
     .help = "port to listen on (0: any free port, printed at start)",
     .store = [](const OptionValue& v, Settings& s) { s.serve.port = as_count(v); },
     .short_name = 'p', .default_text = "8080", .min = 0, .max = 65535},
    {.name = "bind", .kind = ValueKind::text, .group = OptionGroup::server, .commands = kServeCommand,
     .help = "address to listen on: 127.0.0.1 is this machine only; 0.0.0.0 or :: lets other machines in",
     .store = [](const OptionValue& v, Settings& s) { s.serve.bind = as_text(v); }, .default_text = "127.0.0.1"},
    {.name = "max-connections", .kind = ValueKind::count, .group = OptionGroup::server, .commands = kServeCommand,
     .help = "connections open at once; more are answered 503 (default: the open-file limit, ulimit -Hn, less 32)",
     .store = [](const OptionValue& v, Settings& s) { s.serve.max_connections = as_count(v); },
     .min = 1, .max = kMaxConnections},
    {.name = "idle-timeout", .kind = ValueKind::duration, .group = OptionGroup::server, .commands = kServeCommand,
     .help = "close a connection that has no request under way for this long",
     .store = [](const OptionValue& v, Settings& s) { s.serve.idle_timeout = std::get<std::chrono::nanoseconds>(v); },
     .default_text = "30s"},
    {.name = "header-timeout", .kind = ValueKind::duration, .group = OptionGroup::server, .commands = kServeCommand,
     .help = "answer 408 and close when a request's line and headers take longer than this",
     .store = [](const OptionValue& v, Settings& s) { s.serve.header_timeout = std::get<std::chrono::nanoseconds>(v); },
     .default_text = "10s"},
    {.name = "format", .kind = ValueKind::choice, .group = OptionGroup::output, .commands = kReporting,
     .help = "how the report is written",
     .store = [](const OptionValue& v, Settings& s) { s.output.format = *find_format(as_text(v)); },
     .default_text = "table", .choices = format_names},
    {.name = "output", .kind = ValueKind::output_file, .group = OptionGroup::output, .commands = kReporting,
     .help = "write the report to FILE (atomically) instead of standard output",
     .store = [](const OptionValue& v, Settings& s) { s.output.file = as_text(v); },
     .short_name = 'o'},
    {.name = "timeline", .kind = ValueKind::flag, .group = OptionGroup::output, .commands = kRunCommands,
     .help = "draw each row's tasks over time under the table (table format)",
     .store = [](const OptionValue&, Settings& s) { s.output.timeline = true; }},
    {.name = "wide", .kind = ValueKind::flag, .group = OptionGroup::output, .commands = kMeasuring,
     .help = "every column of the table, even when the terminal is narrower (it then wraps)",
     .store = [](const OptionValue&, Settings& s) { s.output.wide = true; }},
    {.name = "verbose", .kind = ValueKind::flag, .group = OptionGroup::output, .commands = kMeasuring,
     .help = "also the engineers' lines: build flags, bookkeeping cost, every noisy row (JSON and CSV always have them)",
     .store = [](const OptionValue&, Settings& s) { s.output.verbose = true; },
     .short_name = 'v'},
    {.name = "live", .kind = ValueKind::flag, .group = OptionGroup::output, .commands = kRunCommands,
     .help = "watch each model's tasks start, wait, compute and finish on the terminal as they run",
     .store = [](const OptionValue&, Settings& s) { s.output.live = true; }},
    {.name = "trace", .kind = ValueKind::output_file, .group = OptionGroup::output, .commands = kMeasuring,
     .help = "also write the task records as a Chrome trace (open in ui.perfetto.dev; offline: --html)",
     .store = [](const OptionValue& v, Settings& s) { s.output.trace = as_text(v); }},
    {.name = "vary", .kind = ValueKind::text, .group = OptionGroup::sweep, .commands = kSweepCommand,
     .help = "KEY=V1,V2,…: tasks, workers, ranks, or the scenario's own delay, size, factorial, latency",
     .store = [](const OptionValue& v, Settings& s) { s.sweep.vary = as_text(v); }},
    {.name = "metric", .kind = ValueKind::choice, .group = OptionGroup::sweep, .commands = kSweepCommand,
     .help = "what the table and the chart show",
     .store = [](const OptionValue& v, Settings& s) { s.sweep.metric = as_text(v); },
     .default_text = "wall", .choices = metric_names},
    {.name = "svg", .kind = ValueKind::output_file, .group = OptionGroup::output, .commands = kMeasuring,
     .help = "also write a picture for slides as SVG: a sweep's chart, or the timelines of any other run",
     .store = [](const OptionValue& v, Settings& s) { s.output.svg = as_text(v); }},
    {.name = "html", .kind = ValueKind::output_file, .group = OptionGroup::output, .commands = kReporting,
     .help = "also write the report as one self-contained HTML page (opens offline, prints); repeatable",
     .store = [](const OptionValue& v, Settings& s) { s.output.html.push_back(as_text(v)); },
     .repeatable = true},
    {.name = "export-json", .kind = ValueKind::output_file, .group = OptionGroup::output, .commands = kReporting,
     .help = "also write the report as JSON (docs/json.md) to FILE, beside --format; repeatable",
     .store = [](const OptionValue& v, Settings& s) { s.output.exports.push_back({Format::json, as_text(v)}); },
     .repeatable = true},
    {.name = "export-csv", .kind = ValueKind::output_file, .group = OptionGroup::output, .commands = kReporting,
     .help = "also write the report as CSV to FILE, beside --format; repeatable",
     .store = [](const OptionValue& v, Settings& s) { s.output.exports.push_back({Format::csv, as_text(v)}); },
     .repeatable = true},
    {.name = "export-markdown", .kind = ValueKind::output_file, .group = OptionGroup::output, .commands = kReporting,
     .help = "also write the report as markdown to FILE, beside --format; repeatable",
     .store = [](const OptionValue& v, Settings& s) { s.output.exports.push_back({Format::markdown, as_text(v)}); },
     .repeatable = true},
    {.name = "timeline-svg", .kind = ValueKind::output_file, .group = OptionGroup::output, .commands = kMeasuring,
     .help = "also write the timelines of the run (each row's median run) as one SVG for slides",
     .store = [](const OptionValue& v, Settings& s) { s.output.timeline_svg = as_text(v); }},
    {.name = "title", .kind = ValueKind::text, .group = OptionGroup::output, .commands = kReporting,
     .help = "title of the HTML report and the SVG pictures (default: what was measured)",
     .store = [](const OptionValue& v, Settings& s) { s.output.title = as_text(v); }},
}};
// clang-format on

}  // namespace

std::string one_of(std::span<const std::string_view> words) {
  if (words.size() <= 1) return words.empty() ? std::string() : std::string(words.front());
  return fmt::format("{} or {}", fmt::join(words.begin(), words.end() - 1, ", "), words.back());
}

namespace {

bool names_word(std::string_view list, std::string_view word) {
  while (!list.empty()) {
    const auto space = list.find(' ');
    if (list.substr(0, space) == word) return true;
    list = space == std::string_view::npos ? std::string_view() : list.substr(space + 1);
  }
  return false;
}

}  // namespace

std::span<const OptionSpec> option_table() { return kOptions; }

const OptionSpec* find_option(std::string_view name) {
  const auto it = std::find_if(kOptions.begin(), kOptions.end(), [&](const OptionSpec& o) { return o.name == name; });
  return it == kOptions.end() ? nullptr : &*it;
}

std::string option_flag(const OptionSpec& spec) {
  return spec.short_name != 0 ? fmt::format("-{}, --{}", spec.short_name, spec.name) : fmt::format("--{}", spec.name);
}

bool option_serves(const OptionSpec& spec, std::string_view scenario) {
  return spec.scenarios.empty() || names_word(spec.scenarios, scenario);
}

Settings default_settings() {
  Settings settings;
  for (const OptionSpec& spec : kOptions)
    if (!spec.default_text.empty() && spec.scenarios.empty())
      spec.store(parse_option_value(spec, spec.default_text), settings);
  return settings;
}

}  // namespace concur
