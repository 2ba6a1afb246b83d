// Before measuring, what each run will ask of the machine (threads, processes, descriptors,
// memory, address space: the models' Footprint) is compared with what this machine leaves
// free, so a run that cannot work is refused with one line and exit code 2, instead of
// failing half-way through a table or pushing a laptop into swap.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "measure/runner.hpp"
#include "models/model.hpp"
#include "scenarios/scenario.hpp"

namespace concur {

/// How much more of one resource a run may use, and what sets that bound.
struct Headroom {
  /// The amount when nothing bounds the resource (or the bound cannot be read).
  static constexpr std::uint64_t kUnlimited = std::numeric_limits<std::uint64_t>::max();
  std::uint64_t amount = kUnlimited;  ///< how much more may be used
  std::string source;                 ///< what sets it, for the message ("kernel.pid_max is 32,768, 310 in use")
};

/// What this machine leaves free for one run.
struct MachineLimits {
  Headroom tasks;          ///< threads + processes system-wide: kernel.threads-max, kernel.pid_max
  Headroom user_tasks;     ///< threads + processes for this user: RLIMIT_NPROC (root is exempt)
  Headroom descriptors;    ///< open files in one process: RLIMIT_NOFILE's hard limit
  Headroom memory;         ///< bytes that can be touched: MemAvailable, the cgroup's memory.max
  Headroom address_space;  ///< bytes one process may reserve: RLIMIT_AS, or the commit limit under strict overcommit
  Headroom stack;          ///< bytes of stack each thread gets: RLIMIT_STACK (ulimit -s)
};

/// Reads the limits from /proc, /sys/fs/cgroup and getrlimit.
MachineLimits probe_limits();

/// Stack the tool's own code needs in every thread (the measuring thread, a model's threads):
/// every model ran every scenario with 16 KiB here; four times that, for what was not measured.
inline constexpr std::uint64_t kToolStackBytes = 64 * std::uint64_t{1024};

/// Why `model` cannot run `tasks` tasks of the scenario called `scenario` with `workers`
/// workers under `limits`, as one line that names the limit and the ways out; empty when it can.
/// `holds_files`: each task holds a file open while it runs (the files scenario).
std::string model_limit_problem(std::string_view scenario, const ModelInfo& model, std::int64_t tasks,
                                std::int64_t workers, const MachineLimits& limits, bool holds_files = false);

/// The first problem of running the scenario `info`, of `size`, under every model of `plan`, or empty.
std::string scenario_limit_problem(const ScenarioInfo& info, const ScenarioSize& size, const RunPlan& plan,
                                   const MachineLimits& limits);

}  // namespace concur
