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

constexpr unsigned kMeasuring = kRunCommands | kSweepCommand;

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
const std::array kOptions{
    OptionSpec{.name = "model",
               .short_name = 'm',
               .kind = ValueKind::models,
               .group = OptionGroup::runs,
               .help = "models to run, comma-separated",
               .default_text = "all",
               .commands = kMeasuring | kCountCommand,
               .scenarios = {},
               .store = [](const OptionValue& v, Settings& s) { s.models = as_text(v); }},
    OptionSpec{.name = "tasks",
               .short_name = 'n',
               .kind = ValueKind::count,
               .group = OptionGroup::runs,
               .help = "tasks per run (default: the scenario's own)",
               .default_text = {},
               .commands = kMeasuring,
               .scenarios = {},
               .min = 1,
               .max = kMaxTasks,
               .sweep_unit = "tasks",
               .store = [](const OptionValue& v, Settings& s) { s.scenario.tasks = as_count(v); }},
    OptionSpec{.name = "workers",
               .short_name = 'w',
               .kind = ValueKind::count,
               .group = OptionGroup::runs,
               .help = "worker threads for pool and fiber (default: one per core)",
               .default_text = {},
               .commands = kMeasuring | kCountCommand,
               .scenarios = {},
               .min = 1,
               .max = kMaxWorkers,
               .sweep_unit = "workers",
               .store = [](const OptionValue& v, Settings& s) { s.workers = static_cast<unsigned>(as_count(v)); }},
    OptionSpec{.name = "repeat",
               .short_name = 'r',
               .kind = ValueKind::count,
               .group = OptionGroup::runs,
               .help = "measured runs per model; the median is reported",
               .default_text = "3",
               .commands = kMeasuring,
               .scenarios = {},
               .min = 1,
               .max = kMaxRepeat,
               .store = [](const OptionValue& v, Settings& s) { s.repeat = as_count(v); }},
    OptionSpec{.name = "warmup",
               .short_name = 0,
               .kind = ValueKind::count,
               .group = OptionGroup::runs,
               .help = "unmeasured single-task runs per model before measuring",
               .default_text = "1",
               .commands = kMeasuring,
               .scenarios = {},
               .min = 0,
               .max = kMaxWarmup,
               .store = [](const OptionValue& v, Settings& s) { s.warmup = as_count(v); }},
    OptionSpec{.name = "ignore-limits",
               .short_name = 0,
               .kind = ValueKind::flag,
               .group = OptionGroup::runs,
               .help = "run even when this machine's limits say a model cannot: its row then shows where it failed",
               .default_text = {},
               .commands = kMeasuring,
               .scenarios = {},
               .store = [](const OptionValue&, Settings& s) { s.ignore_limits = true; }},
    OptionSpec{.name = "blocking",
               .short_name = 0,
               .kind = ValueKind::flag,
               .group = OptionGroup::runs,
               .help = "add async-blocking: async with a blocking call in each coroutine",
               .default_text = {},
               .commands = kMeasuring | kCountCommand,
               .scenarios = {},
               .store = [](const OptionValue&, Settings& s) { s.flag_models.emplace_back("async-blocking"); }},
    OptionSpec{.name = "offload",
               .short_name = 0,
               .kind = ValueKind::flag,
               .group = OptionGroup::runs,
               .help = "add async-offload: async handing computations to a thread pool",
               .default_text = {},
               .commands = kMeasuring,
               .scenarios = {},
               .store = [](const OptionValue&, Settings& s) { s.flag_models.emplace_back("async-offload"); }},
    OptionSpec{
        .name = "delay",
        .short_name = 0,
        .kind = ValueKind::duration,
        .group = OptionGroup::workload,
        .help = "how long each task waits",
        .default_text = "100ms",
        .commands = kMeasuring | kCountCommand,
        .scenarios = "sleep count",
        .sweep_unit = "s",
        .store = [](const OptionValue& v, Settings& s) { s.scenario.delay = std::get<std::chrono::nanoseconds>(v); }},
    OptionSpec{.name = "size",
               .short_name = 0,
               .kind = ValueKind::size,
               .group = OptionGroup::workload,
               .help = "bytes per task: each generated file (files: 4MiB), each response body (net: 64KiB)",
               .default_text = {},
               .commands = kMeasuring,
               .scenarios = "files net",
               .sweep_unit = "B",
               .store = [](const OptionValue& v, Settings& s) { s.scenario.size = std::get<std::uint64_t>(v); }},
    OptionSpec{.name = "dir",
               .short_name = 0,
               .kind = ValueKind::dir,
               .group = OptionGroup::workload,
               .help = "read the regular files in DIR instead of generated ones (read-only)",
               .default_text = {},
               .commands = kMeasuring,
               .scenarios = "files",
               .store = [](const OptionValue& v, Settings& s) { s.scenario.dir = as_text(v); }},
    OptionSpec{.name = "cache",
               .short_name = 0,
               .kind = ValueKind::choice,
               .group = OptionGroup::workload,
               .help = "cold (evict the files from the page cache before each run) or warm",
               .default_text = "cold",
               .commands = kMeasuring,
               .scenarios = "files",
               .choices = cache_states,
               .store = [](const OptionValue& v, Settings& s) { s.scenario.warm_cache = as_text(v) == "warm"; }},
    OptionSpec{.name = "factorial",
               .short_name = 0,
               .kind = ValueKind::count,
               .group = OptionGroup::workload,
               .help = "compute k! in each task",
               .default_text = "40000",
               .commands = kMeasuring,
               .scenarios = "factorial",
               .min = 1,
               .max = kMaxFactorial,
               .sweep_unit = "k",
               .store = [](const OptionValue& v,
                           Settings& s) { s.scenario.factorial = static_cast<std::uint32_t>(as_count(v)); }},
    OptionSpec{
        .name = "latency",
        .short_name = 0,
        .kind = ValueKind::duration,
        .group = OptionGroup::workload,
        .help = "how long the server waits before it answers each request (serve: when a request names none)",
        .default_text = "100ms",
        .commands = kMeasuring | kServeCommand,
        .scenarios = "net",
        .sweep_unit = "s",
        .store = [](const OptionValue& v, Settings& s) { s.scenario.latency = std::get<std::chrono::nanoseconds>(v); }},
    OptionSpec{
        .name = "server",
        .short_name = 0,
        .kind = ValueKind::text,
        .group = OptionGroup::workload,
        .help = "fetch from a concur-demo serve at HOST:PORT (default: a server of the tool's own, on 127.0.0.1)",
        .default_text = {},
        .commands = kMeasuring,
        .scenarios = "net",
        .store = [](const OptionValue& v,
                    Settings& s) { s.scenario.server = format_endpoint(parse_endpoint(as_text(v), "--server")); }},
    OptionSpec{.name = "port",
               .short_name = 'p',
               .kind = ValueKind::count,
               .group = OptionGroup::server,
               .help = "port to listen on (0: any free port, printed at start)",
               .default_text = "8080",
               .commands = kServeCommand,
               .scenarios = {},
               .min = 0,
               .max = 65535,
               .store = [](const OptionValue& v, Settings& s) { s.serve.port = as_count(v); }},
    OptionSpec{.name = "bind",
               .short_name = 0,
               .kind = ValueKind::text,
               .group = OptionGroup::server,
               .help = "address to listen on: 127.0.0.1 is this machine only; 0.0.0.0 or :: lets other machines in",
               .default_text = "127.0.0.1",
               .commands = kServeCommand,
               .scenarios = {},
               .store = [](const OptionValue& v, Settings& s) { s.serve.bind = as_text(v); }},
    OptionSpec{.name = "max-connections",
               .short_name = 0,
               .kind = ValueKind::count,
               .group = OptionGroup::server,
               .help = "connections open at once; more are answered 503 (default: the open-file limit, ulimit -Hn, "
                       "less 32)",
               .default_text = {},
               .commands = kServeCommand,
               .scenarios = {},
               .min = 1,
               .max = kMaxConnections,
               .store = [](const OptionValue& v, Settings& s) { s.serve.max_connections = as_count(v); }},
    OptionSpec{.name = "idle-timeout",
               .short_name = 0,
               .kind = ValueKind::duration,
               .group = OptionGroup::server,
               .help = "close a connection that has no request under way for this long",
               .default_text = "30s",
               .commands = kServeCommand,
               .scenarios = {},
               .store = [](const OptionValue& v,
                           Settings& s) { s.serve.idle_timeout = std::get<std::chrono::nanoseconds>(v); }},
    OptionSpec{.name = "header-timeout",
               .short_name = 0,
               .kind = ValueKind::duration,
               .group = OptionGroup::server,
               .help = "answer 408 and close when a request's line and headers take longer than this",
               .default_text = "10s",
               .commands = kServeCommand,
               .scenarios = {},
               .store = [](const OptionValue& v,
                           Settings& s) { s.serve.header_timeout = std::get<std::chrono::nanoseconds>(v); }},
    OptionSpec{.name = "format",
               .short_name = 0,
               .kind = ValueKind::choice,
               .group = OptionGroup::output,
               .help = "how the report is written",
               .default_text = "table",
               .commands = kMeasuring,
               .scenarios = {},
               .choices = format_names,
               .store = [](const OptionValue& v, Settings& s) { s.output.format = *find_format(as_text(v)); }},
    OptionSpec{.name = "output",
               .short_name = 'o',
               .kind = ValueKind::output_file,
               .group = OptionGroup::output,
               .help = "write the report to FILE (atomically) instead of standard output",
               .default_text = {},
               .commands = kMeasuring,
               .scenarios = {},
               .store = [](const OptionValue& v, Settings& s) { s.output.file = as_text(v); }},
    OptionSpec{.name = "timeline",
               .short_name = 0,
               .kind = ValueKind::flag,
               .group = OptionGroup::output,
               .help = "draw each row's tasks over time under the table (table format)",
               .default_text = {},
               .commands = kRunCommands,
               .scenarios = {},
               .store = [](const OptionValue&, Settings& s) { s.output.timeline = true; }},
    OptionSpec{.name = "trace",
               .short_name = 0,
               .kind = ValueKind::output_file,
               .group = OptionGroup::output,
               .help = "also write the task records as a Chrome trace (open in ui.perfetto.dev)",
               .default_text = {},
               .commands = kMeasuring,
               .scenarios = {},
               .store = [](const OptionValue& v, Settings& s) { s.output.trace = as_text(v); }},
    OptionSpec{.name = "vary",
               .short_name = 0,
               .kind = ValueKind::text,
               .group = OptionGroup::sweep,
               .help = "KEY=V1,V2,…: tasks, workers, or the scenario's own delay, size, factorial, latency",
               .default_text = {},
               .commands = kSweepCommand,
               .scenarios = {},
               .store = [](const OptionValue& v, Settings& s) { s.sweep.vary = as_text(v); }},
    OptionSpec{.name = "metric",
               .short_name = 0,
               .kind = ValueKind::choice,
               .group = OptionGroup::sweep,
               .help = "what the table and the chart show",
               .default_text = "wall",
               .commands = kSweepCommand,
               .scenarios = {},
               .choices = metric_names,
               .store = [](const OptionValue& v, Settings& s) { s.sweep.metric = as_text(v); }},
    OptionSpec{.name = "svg",
               .short_name = 0,
               .kind = ValueKind::output_file,
               .group = OptionGroup::sweep,
               .help = "also write the chart as an SVG file for slides",
               .default_text = {},
               .commands = kSweepCommand,
               .scenarios = {},
               .store = [](const OptionValue& v, Settings& s) { s.sweep.svg = as_text(v); }},
};

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

std::string_view value_placeholder(const OptionSpec& spec) {
  switch (spec.kind) {
    case ValueKind::flag:
      return "";
    case ValueKind::count:
      return "<N>";
    case ValueKind::duration:
      return "<DURATION>";
    case ValueKind::size:
      return "<SIZE>";
    case ValueKind::output_file:
      return "<FILE>";
    case ValueKind::dir:
      return "<DIR>";
    case ValueKind::models:
      return "<MODELS>";
    case ValueKind::choice:
      return "<WORD>";
    case ValueKind::text:
      return "<TEXT>";
  }
  return "";
}

OptionValue parse_option_value(const OptionSpec& spec, std::string_view text) {
  const std::string flag = fmt::format("--{}", spec.name);
  if (spec.kind == ValueKind::flag) return true;
  if (text.empty())
    throw UsageError(fmt::format("invalid {} '': the value is empty (give {})", flag, value_placeholder(spec)));
  switch (spec.kind) {
    case ValueKind::count:
      return parse_count(text, spec.min, spec.max, flag);
    case ValueKind::duration:
      return parse_duration(text);
    case ValueKind::size:
      return parse_size(text);
    case ValueKind::output_file:
      check_output_path(std::string(text), flag);
      return std::string(text);
    case ValueKind::choice: {
      const auto words = spec.choices();
      if (std::find(words.begin(), words.end(), text) == words.end())
        throw UsageError(
            fmt::format("invalid {} '{}' (use {}){}", flag, text, one_of(words), did_you_mean(text, words)));
      return std::string(text);
    }
    case ValueKind::flag:
    case ValueKind::dir:
    case ValueKind::models:
    case ValueKind::text:
      return std::string(text);
  }
  return std::string(text);
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
