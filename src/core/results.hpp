// What a finished measurement looks like: the only thing reporters ever see.
// Plain data, no behaviour, so every format can be tested from fixed values.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/task_record.hpp"

namespace concur {

/// One scenario parameter as shown in headers and JSON `params` (e.g. delay_ms = 100).
struct Param {
  std::string key;                                        ///< JSON key, snake_case with unit suffix
  std::variant<std::int64_t, double, std::string> value;  ///< numbers stay numbers in JSON
  std::string display;                                    ///< how the table header shows it ("100 ms")
};

/// Summary statistics over the measured runs of one row.
struct Stats {
  double median = 0;  ///< middle value (mean of the two middle ones for an even count)
  double min = 0;     ///< smallest run
  double max = 0;     ///< largest run
  double mean = 0;    ///< arithmetic mean
  double stddev = 0;  ///< sample standard deviation (0 for a single run)
};

/// One measured run of one model, as read back from its measuring process.
struct RunRecord {
  double wall_s = 0;                   ///< steady-clock time around the workload
  double cpu_s = 0;                    ///< user+sys of the run, children included
  std::int64_t peak_rss_kib = 0;       ///< peak resident set of the measuring process tree
  std::int64_t voluntary_ctx = 0;      ///< voluntary context switches (waits)
  std::int64_t involuntary_ctx = 0;    ///< involuntary context switches (preemptions)
  std::int64_t os_threads = 0;         ///< distinct OS threads involved in the run
  std::int64_t processes = 0;          ///< distinct processes involved in the run
  std::int64_t max_in_flight = 0;      ///< most tasks started and not yet finished at once
  bool verified = false;               ///< every task's result matched the expected one
  std::int64_t memory_growth_kib = 0;  ///< memory the run added: own peak growth + children's peak private memory
};

/// How far one row's wall times can be trusted (computed in noise.cpp, only shown by reporters).
struct Noise {
  double range_pct = 0;               ///< (max − min) / median × 100
  std::vector<std::size_t> outliers;  ///< indices into runs whose modified z-score exceeds 3.5
  bool noisy = false;                 ///< range above 20 % of the median, or any outlier
};

/// One row: a model on a scenario, aggregated over its runs.
struct ModelResult {
  std::string model;                 ///< registry name, e.g. "async"
  std::int64_t tasks = 0;            ///< tasks per run
  std::int64_t workers = 0;          ///< the model's own concurrency cap (1 for async)
  bool verified = false;             ///< all runs verified
  std::string failure;               ///< why not verified / why the row failed; empty if fine
  std::string note;                  ///< model remark shown under the table (e.g. I/O backend)
  Stats wall_s;                      ///< wall time statistics in seconds
  double cpu_s = 0;                  ///< median CPU seconds
  std::int64_t peak_rss_kib = 0;     ///< median peak RSS
  std::int64_t os_threads = 0;       ///< OS threads (max over runs)
  std::int64_t processes = 0;        ///< processes (max over runs)
  std::int64_t max_in_flight = 0;    ///< max over runs
  std::optional<double> speedup;     ///< sequential median / this median; absent without sequential
  double overhead_per_task_us = 0;   ///< (median − model's ideal) / tasks, in µs
  std::vector<RunRecord> runs;       ///< every measured run, in order
  Noise noise;                       ///< spread and outliers of the wall times
  double cpu_utilisation = 0;        ///< median of cpu / wall over runs: ≈ cores kept busy
  std::int64_t voluntary_ctx = 0;    ///< median voluntary context switches per run
  std::int64_t involuntary_ctx = 0;  ///< median involuntary context switches per run
  double rss_per_task_kib = 0;       ///< median over runs of memory growth / most tasks in flight
  double bookkeeping_share = 0;      ///< at most this fraction of the wall median was the tool's own per-task records
  std::string baseline;              ///< the row `speedup` divides by (sequential; py-sequential for Python)
  std::int64_t in_flight_cap = 0;    ///< tasks the model could keep in flight (it may keep fewer: a pitfall)
  std::vector<TaskRecord> timeline;  ///< per-task records of the median run; empty unless --timeline/--trace
  double timeline_wall_s = 0;        ///< wall time of the run `timeline` comes from
};

/// One scenario's block of the report: header facts, rows, and the computed takeaway.
struct ScenarioResult {
  std::string scenario;               ///< registry name, e.g. "sleep"
  std::string title;                  ///< one-line description for the header
  std::vector<Param> params;          ///< parameters the scenario ran with
  std::int64_t tasks = 0;             ///< tasks per run
  double back_to_back_s = 0;          ///< ideal time with all tasks one after another
  double perfect_overlap_s = 0;       ///< ideal time with perfect overlap (cores bound CPU work)
  std::string takeaway;               ///< one sentence computed from the measured rows
  std::vector<ModelResult> rows;      ///< one per model, in registry order
  std::optional<double> swept_value;  ///< in a sweep: the value of the varied option for this block
  std::string swept_label;            ///< in a sweep: that value as the user typed it ("100ms")
};

/// Facts about the machine that produced the numbers.
struct MachineInfo {
  std::int64_t cores = 0;             ///< hardware threads
  std::string cpu;                    ///< CPU model name
  std::string os;                     ///< kernel name and release
  std::string compiler;               ///< compiler and version
  std::string boost;                  ///< Boost version, e.g. "1.81"
  std::string build;                  ///< build type, e.g. "Release"
  std::string flags;                  ///< compiler flags of the build
  std::string governor;               ///< CPU frequency governor; empty when not readable
  bool optimised = true;              ///< built with optimisation (timings representative)
  std::vector<std::string> warnings;  ///< why these timings may mislead (unoptimised, sanitizer)
};

/// The tool's own measuring cost, measured once per invocation (calibration.cpp).
struct Calibration {
  double bookkeeping_ns_per_task = 0;  ///< record_start + record_end: two clock reads and two record writes
};

/// What a sweep varied; absent for an ordinary run.
struct SweepInfo {
  std::string key;     ///< the varied option: tasks, workers, delay, size, factorial
  std::string unit;    ///< unit of the axis ("tasks", "workers", "s", "B", "k")
  std::string metric;  ///< what the table and chart show: wall, cpu, rss, rss-per-task, overhead
};

/// Everything one invocation measured.
struct Report {
  std::string tool = "concur-demo";       ///< tool name, as in JSON
  std::string version;                    ///< tool version
  MachineInfo machine;                    ///< where it ran
  Calibration calibration;                ///< the tool's own per-task cost
  std::optional<SweepInfo> sweep;         ///< set when the scenarios are the points of one sweep
  std::vector<ScenarioResult> scenarios;  ///< in the order they ran
  std::string command_line;               ///< the command that produced it, as a shell would take it
};

}  // namespace concur
