// Every option's value once parsed: what commands read. The option table (option_table.cpp)
// is the only code that writes here from the command line, so each field has one source.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "report/reporter.hpp"
#include "scenarios/scenario.hpp"

namespace concur {

/// One more copy of the report in a file format, beside what --format prints.
struct ExportFile {
  Format format;     ///< json, csv or markdown
  std::string path;  ///< where it goes
};

/// Where and how a report goes.
struct OutputSettings {
  Format format = Format::table;            ///< --format
  std::optional<std::string> file;          ///< -o/--output FILE; unset: standard output
  std::optional<std::string> trace;         ///< --trace FILE: a Chrome trace of the task records
  bool timeline = false;                    ///< --timeline: a Gantt chart under each row (table)
  bool wide = false;                        ///< --wide: every column of the table, whatever the width
  bool verbose = false;                     ///< -v/--verbose: the engineers' lines too (build flags, bookkeeping)
  std::vector<std::string> html;            ///< --html FILE, any number: the offline HTML report
  std::vector<ExportFile> exports;          ///< --export-json/-csv/-markdown FILE, any number
  std::optional<std::string> svg;           ///< --svg FILE: a sweep's chart, or any other run's timelines
  std::optional<std::string> timeline_svg;  ///< --timeline-svg FILE: the timelines of the run as one SVG
  std::string title;                        ///< --title: the title of the pictures and the HTML report
  bool live = false;                        ///< --live: each run's tasks drawn on the terminal as they go
};

/// What `sweep` varies and shows.
struct SweepSettings {
  std::string vary;    ///< --vary KEY=V1,V2,… as typed
  std::string metric;  ///< --metric: what the cells and the chart show
};

/// How `serve` listens and what it lets a client do.
struct ServeSettings {
  std::int64_t port = 0;                       ///< --port (0: any free port)
  std::string bind;                            ///< --bind: the address to listen on
  std::int64_t max_connections = 0;            ///< --max-connections; 0: from the open-file limit
  std::chrono::nanoseconds idle_timeout{0};    ///< --idle-timeout
  std::chrono::nanoseconds header_timeout{0};  ///< --header-timeout
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
  ServeSettings serve;                        ///< serve only
  std::optional<unsigned> ranks;              ///< --ranks: processes mpirun starts for mpi; unset: one per core
  std::optional<std::string> hosts;           ///< --hosts FILE: an Open MPI hostfile for mpi's ranks
  std::optional<std::chrono::nanoseconds> launch_timeout;  ///< --launch-timeout: mpi's limit on a launch
};

}  // namespace concur
