#include "measure/limits.hpp"

#include <dirent.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>

#include <fmt/format.h>

#include "core/parse.hpp"
#include "report/units.hpp"
#include "sys/open_descriptors.hpp"

namespace concur {
namespace {

std::optional<std::uint64_t> read_number(const std::string& path) {
  std::ifstream in(path);
  std::uint64_t value = 0;
  if (in >> value) return value;
  return std::nullopt;
}

// "MemAvailable:   23456789 kB" → bytes; also reads the "Key:\tvalue" lines of /proc/self/status.
std::optional<std::uint64_t> read_keyed(const std::string& path, std::string_view key, std::uint64_t scale) {
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    if (line.size() <= key.size() || line.compare(0, key.size(), key) != 0 || line[key.size()] != ':') continue;
    std::istringstream rest(line.substr(key.size() + 1));
    std::uint64_t value = 0;
    if (rest >> value) return value * scale;
  }
  return std::nullopt;
}

// Threads and processes alive on the whole machine: /proc/loadavg's fourth field is
// "running/total", counted in kernel tasks, which is what threads-max and pid_max bound.
std::optional<std::uint64_t> kernel_tasks_in_use() {
  std::ifstream in("/proc/loadavg");
  std::string load1, load5, load15, entities;
  if (!(in >> load1 >> load5 >> load15 >> entities)) return std::nullopt;
  const auto slash = entities.find('/');
  if (slash == std::string::npos) return std::nullopt;
  return std::strtoull(entities.c_str() + slash + 1, nullptr, 10);
}

void tighten(Headroom& h, std::uint64_t amount, std::string source) {
  if (amount < h.amount) {
    h.amount = amount;
    h.source = std::move(source);
  }
}

std::uint64_t minus(std::uint64_t limit, std::uint64_t used) { return limit > used ? limit - used : 0; }

Headroom kernel_task_headroom() {
  Headroom h;
  const auto in_use = kernel_tasks_in_use();
  if (!in_use) return h;
  for (const auto& [name, path] : {std::pair{"kernel.threads-max", "/proc/sys/kernel/threads-max"},
                                   std::pair{"kernel.pid_max", "/proc/sys/kernel/pid_max"}})
    if (const auto limit = read_number(path))
      tighten(h, minus(*limit, *in_use),
              fmt::format("{} is {}, {} in use", name, format_count(static_cast<std::int64_t>(*limit)),
                          format_count(static_cast<std::int64_t>(*in_use))));
  return h;
}

// The kernel lets root and holders of CAP_SYS_RESOURCE or CAP_SYS_ADMIN past RLIMIT_NPROC.
bool exempt_from_nproc() {
  if (::getuid() == 0) return true;
  std::ifstream in("/proc/self/status");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("CapEff:", 0) != 0) continue;
    const std::uint64_t caps = std::strtoull(line.c_str() + 7, nullptr, 16);
    constexpr int kSysAdmin = 21, kSysResource = 24;
    return (caps >> kSysAdmin & 1) != 0 || (caps >> kSysResource & 1) != 0;
  }
  return false;
}

// Threads of every process whose real user is ours: RLIMIT_NPROC counts all of them.
std::uint64_t user_tasks_in_use() {
  const std::string uid = std::to_string(::getuid());
  std::uint64_t total = 0;
  DIR* proc = ::opendir("/proc");
  if (proc == nullptr) return 0;
  while (const dirent* entry = ::readdir(proc)) {
    if (entry->d_name[0] < '0' || entry->d_name[0] > '9') continue;
    std::ifstream status(std::string("/proc/") + entry->d_name + "/status");
    bool ours = false;
    for (std::string line; std::getline(status, line);) {
      if (line.rfind("Uid:", 0) == 0) {
        std::istringstream fields(line.substr(4));
        std::string real;
        fields >> real;
        ours = real == uid;
      } else if (ours && line.rfind("Threads:", 0) == 0) {
        total += std::strtoull(line.c_str() + 8, nullptr, 10);
        break;
      }
    }
  }
  ::closedir(proc);
  return total;
}

Headroom user_task_headroom() {
  Headroom h;
  rlimit limit{};
  if (::getrlimit(RLIMIT_NPROC, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY || exempt_from_nproc()) return h;
  const std::uint64_t in_use = user_tasks_in_use();
  tighten(h, minus(limit.rlim_cur, in_use),
          fmt::format("RLIMIT_NPROC (ulimit -u) is {} for this user, {} in use",
                      format_count(static_cast<std::int64_t>(limit.rlim_cur)),
                      format_count(static_cast<std::int64_t>(in_use))));
  return h;
}

// The hard limit, not the soft one: the fork model raises its soft limit to the hard one.
Headroom descriptor_headroom() {
  Headroom h;
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_max == RLIM_INFINITY) return h;
  tighten(h, minus(limit.rlim_max, open_descriptors().size()),
          fmt::format("RLIMIT_NOFILE (ulimit -Hn) allows {} open files per process",
                      format_count(static_cast<std::int64_t>(limit.rlim_max))));
  return h;
}

// Memory: what the kernel could hand out without swapping, and, in a container, what its
// cgroup has left before the OOM killer steps in.
Headroom memory_headroom() {
  Headroom h;
  if (const auto available = read_keyed("/proc/meminfo", "MemAvailable", 1024))
    tighten(h, *available,
            fmt::format("{} is available (MemAvailable)", format_kib(static_cast<std::int64_t>(*available >> 10))));
  std::ifstream cgroup("/proc/self/cgroup");
  for (std::string line; std::getline(cgroup, line);) {
    if (line.rfind("0::", 0) != 0) continue;  // the unified (v2) hierarchy
    const std::string dir = "/sys/fs/cgroup" + line.substr(3);
    const auto max = read_number(dir + "/memory.max");  // "max" does not parse: no limit
    const auto current = read_number(dir + "/memory.current");
    if (max && current)
      tighten(h, minus(*max, *current),
              fmt::format("the cgroup's memory.max leaves {}",
                          format_kib(static_cast<std::int64_t>(minus(*max, *current) >> 10))));
  }
  return h;
}

Headroom address_space_headroom() {
  Headroom h;
  rlimit limit{};
  if (::getrlimit(RLIMIT_AS, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY) {
    const std::uint64_t used = read_keyed("/proc/self/status", "VmSize", 1024).value_or(0);
    tighten(h, minus(limit.rlim_cur, used),
            fmt::format("RLIMIT_AS (ulimit -v) is {}", format_kib(static_cast<std::int64_t>(limit.rlim_cur >> 10))));
  }
  // Strict overcommit (vm.overcommit_memory = 2) charges reserved stacks as if touched.
  if (read_number("/proc/sys/vm/overcommit_memory") == std::optional<std::uint64_t>(2)) {
    const auto commit_limit = read_keyed("/proc/meminfo", "CommitLimit", 1024);
    const auto committed = read_keyed("/proc/meminfo", "Committed_AS", 1024);
    if (commit_limit && committed)
      tighten(h, minus(*commit_limit, *committed),
              fmt::format("strict overcommit leaves {} to commit",
                          format_kib(static_cast<std::int64_t>(minus(*commit_limit, *committed) >> 10))));
  }
  return h;
}

Headroom stack_headroom() {
  Headroom h;
  rlimit limit{};
  if (::getrlimit(RLIMIT_STACK, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY)
    tighten(h, limit.rlim_cur,
            fmt::format("RLIMIT_STACK (ulimit -s) is {}", format_kib(static_cast<std::int64_t>(limit.rlim_cur >> 10))));
  return h;
}

std::string bytes_text(std::uint64_t bytes) { return format_kib(static_cast<std::int64_t>(bytes >> 10)); }

}  // namespace

MachineLimits probe_limits() {
  return {.tasks = kernel_task_headroom(),
          .user_tasks = user_task_headroom(),
          .descriptors = descriptor_headroom(),
          .memory = memory_headroom(),
          .address_space = address_space_headroom(),
          .stack = stack_headroom()};
}

namespace {

// One way a run may not fit, and what to change so that it does.
struct Problem {
  std::string why;
  std::string_view way_out = "lower --tasks";
};

Problem task_problem(const Footprint& need, const MachineLimits& limits) {
  // The measuring process itself is one more kernel task.
  const auto kernel_tasks = static_cast<std::uint64_t>(need.threads + need.processes + 1);
  for (const Headroom* h : {&limits.tasks, &limits.user_tasks})
    if (kernel_tasks > h->amount)
      return {.why = fmt::format("it needs {} threads and processes, but only {} more may exist ({})",
                                 format_count(static_cast<std::int64_t>(kernel_tasks)),
                                 format_count(static_cast<std::int64_t>(h->amount)), h->source)};
  return {};
}

Problem descriptor_problem(const Footprint& need, const MachineLimits& limits, bool holds_files) {
  // The measuring process's pipe to the tool is one more descriptor.
  const std::int64_t files = holds_files ? need.files_open : 0;
  const auto descriptors = static_cast<std::uint64_t>(need.descriptors + files + 1);
  if (descriptors <= limits.descriptors.amount) return {};
  return {.why = fmt::format(
              "it holds {} descriptors open at once ({} for files, {} for pipes and its own use), but only {} more may "
              "be open ({})",
              format_count(static_cast<std::int64_t>(descriptors)), format_count(files),
              format_count(need.descriptors + 1), format_count(static_cast<std::int64_t>(limits.descriptors.amount)),
              limits.descriptors.source)};
}

Problem stack_problem(const Footprint& need, const MachineLimits& limits) {
  const std::uint64_t stack = std::max(need.stack_bytes, kToolStackBytes);
  if (stack <= limits.stack.amount) return {};
  return {.why = fmt::format("its threads need {} of stack each, but {}", bytes_text(stack), limits.stack.source),
          .way_out = "raise the stack limit (ulimit -s 8192)"};
}

Problem memory_problem(const Footprint& need, const MachineLimits& limits) {
  if (need.resident_bytes > limits.memory.amount)
    return {.why = fmt::format("it needs about {} of memory, but {}", bytes_text(need.resident_bytes),
                               limits.memory.source)};
  if (need.reserved_bytes > limits.address_space.amount)
    return {.why = fmt::format(
                "it reserves {} of address space for stacks and frames, but only {} more is allowed ({})",
                bytes_text(need.reserved_bytes), bytes_text(limits.address_space.amount), limits.address_space.source)};
  return {};
}

}  // namespace

std::string model_limit_problem(std::string_view scenario, const ModelInfo& model, std::int64_t tasks,
                                std::int64_t workers, const MachineLimits& limits, bool holds_files) {
  // A model without a footprint (the conformance suite flags it) is not refused for want of one.
  const Footprint need = model.footprint != nullptr ? model.footprint(tasks, workers) : Footprint{};
  Problem p = task_problem(need, limits);
  if (p.why.empty()) p = descriptor_problem(need, limits, holds_files);
  if (p.why.empty()) p = stack_problem(need, limits);
  if (p.why.empty()) p = memory_problem(need, limits);
  if (p.why.empty()) return {};
  // Ranks, not tasks, are what a model whose workers are ranks starts.
  if (p.way_out == "lower --tasks" && model.worker_unit == WorkerUnit::rank) p.way_out = "lower --ranks";
  return fmt::format(
      "{} with {} tasks cannot run under the {} model here: {}; {}, leave {} out of --model, or add "
      "--ignore-limits to see where it fails",
      scenario, format_count(tasks), model.name, p.why, p.way_out, model.name);
}

std::string scenario_limit_problem(const ScenarioInfo& info, const ScenarioSize& size, const RunPlan& plan,
                                   const MachineLimits& limits) {
  for (const ModelInfo* model : plan.models)
    if (auto why =
            model_limit_problem(info.name, *model, size.tasks, workers_for(*model, plan), limits, size.holds_files);
        !why.empty())
      return why;
  return {};
}

}  // namespace concur
