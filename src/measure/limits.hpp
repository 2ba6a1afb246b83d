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
};

/// Reads the limits from /proc, /sys/fs/cgroup and getrlimit.
MachineLimits probe_limits();

/// Why `model` cannot run `tasks` tasks of the scenario called `scenario` with `workers`
/// workers under `limits`, as one line that names the limit and the ways out; empty when it can.
/// `task_descriptors`: what the tasks themselves hold open in one process (net: sockets).
std::string model_limit_problem(std::string_view scenario, const ModelInfo& model, std::int64_t tasks,
                                std::int64_t workers, const MachineLimits& limits, std::int64_t task_descriptors = 0);

/// The first problem of running `scenario` under every model of `plan`, or empty.
std::string scenario_limit_problem(const ScenarioInfo& info, const Scenario& scenario, const RunPlan& plan,
                                   const MachineLimits& limits);

}  // namespace concur
