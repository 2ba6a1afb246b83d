// Every option's value once parsed: what commands read. The option table (option_table.cpp)
// is the only code that writes here from the command line, so each field has one source.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "report/reporter.hpp"
#include "scenarios/scenario.hpp"

namespace concur {

/// Where and how a report goes.
struct OutputSettings {
  Format format = Format::table;     ///< --format
  std::optional<std::string> file;   ///< -o/--output FILE; unset: standard output
  std::optional<std::string> trace;  ///< --trace FILE: a Chrome trace of the task records
  bool timeline = false;             ///< --timeline: a Gantt chart under each row (table)
  bool wide = false;                 ///< --wide: every column of the table, whatever the width
  bool verbose = false;              ///< -v/--verbose: the engineers' lines too (build flags, bookkeeping)
  bool live = false;                 ///< --live: each run's tasks drawn on the terminal as they go
};

/// What `sweep` varies and shows.
struct SweepSettings {
  std::string vary;                ///< --vary KEY=V1,V2,… as typed
  std::string metric;              ///< --metric: what the cells and the chart show
  std::optional<std::string> svg;  ///< --svg FILE: the chart for slides
};

/// The typed value of every option a command line gave (or its default).
struct Settings {
  std::string models;                         ///< --model as typed (names, all, py); resolved by the command
  std::vector<std::string_view> flag_models;  ///< rows asked for by flags (--blocking, --offload)
  std::optional<unsigned> workers;            ///< --workers; unset: one per core
  std::int64_t repeat = 0;                    ///< --repeat: measured runs per model
  std::int64_t warmup = 0;                    ///< --warmup: unmeasured single-task runs per model
  bool ignore_limits = false;                 ///< --ignore-limits
  ScenarioOptions scenario;                   ///< the workload's own options
  OutputSettings output;                      ///< where the report goes
  SweepSettings sweep;                        ///< sweep only
};

}  // namespace concur
