#include "measure/isolated_run.hpp"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <unordered_set>

#include <fmt/format.h>

#if defined(__SANITIZE_ADDRESS__)
#define CONCUR_LEAK_CHECK 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CONCUR_LEAK_CHECK 1
#endif
#endif
#ifdef CONCUR_LEAK_CHECK
#include <sanitizer/lsan_interface.h>
#endif

#include "core/parse.hpp"
#include "core/task_record.hpp"
#include "measure/run_watch.hpp"
#include "measure/shared_records.hpp"
#include "measure/task_slots.hpp"
#include "sys/exit_status.hpp"
#include "sys/interrupt.hpp"
#include "sys/open_descriptors.hpp"
#include "sys/wire.hpp"

namespace concur {
namespace {

struct Usage {
  double cpu_s = 0;
  std::int64_t voluntary = 0;
  std::int64_t involuntary = 0;
  std::int64_t own_peak_kib = 0;  // this process alone: its growth over a run is what the run added
};

double seconds(const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; }

// This process (all its threads, live or ended) plus every child it has reaped: a fork row's
// CPU time includes its children's, as it must.
Usage usage_now() {
  Usage u;
  for (const int who : {RUSAGE_SELF, RUSAGE_CHILDREN}) {
    rusage r{};
    ::getrusage(who, &r);
    u.cpu_s += seconds(r.ru_utime) + seconds(r.ru_stime);
    u.voluntary += r.ru_nvcsw;
    u.involuntary += r.ru_nivcsw;
    if (who == RUSAGE_SELF) u.own_peak_kib = r.ru_maxrss;
  }
  return u;
}

template <typename Key>
std::int64_t count_distinct(std::span<const TaskRecord> tasks, std::int64_t own, Key key) {
  std::unordered_set<std::int64_t> seen{own};
  for (const auto& t : tasks) key(t, seen);
  return static_cast<std::int64_t>(seen.size());
}

// Descriptors: the soft limit up to the hard one, which is what the limit check counted on
// (a shell's `ulimit -Sn` lower than its hard limit must not fail a run the check let through).
void raise_descriptor_limit() {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &limit);
  }
}

// Runs the model and fills the sample's numbers and verdict; a model's exception is the failure.
// Live: the time zero is published where the tool watches the records.
void run_model(const ModelInfo& info, const Scenario& scenario, RunContext& ctx, std::span<Outcome> outcomes,
               RunSample& sample, const SharedRecords* shared) {
  const std::vector<int> descriptors_before = open_descriptors();
  try {
    auto model = info.make();
    const Usage before = usage_now();
    ctx.origin = std::chrono::steady_clock::now();
    if (shared != nullptr) shared->publish_origin(ctx.origin);
    model->run(ctx);
    const auto end = ctx.finish.value_or(std::chrono::steady_clock::now());
    const Usage after = usage_now();
    sample.record.wall_s = std::chrono::duration<double>(end - ctx.origin).count();
    sample.record.cpu_s =
        std::max(0.0, after.cpu_s - before.cpu_s - std::chrono::duration<double>(ctx.cpu_outside).count());
    sample.record.voluntary_ctx = after.voluntary - before.voluntary;
    sample.record.involuntary_ctx = after.involuntary - before.involuntary;
    sample.record.memory_growth_kib = after.own_peak_kib - before.own_peak_kib;
    const Verdict verdict = scenario.verify(outcomes);
    sample.record.verified = verdict.ok;
    sample.failure = verdict.why;
  } catch (const std::exception& e) {
    sample.failure = e.what();
  }
  sample.note = ctx.note;
  // The model is gone by now: whatever it opened must be closed again.
  if (sample.failure.empty())
    if (auto left = descriptors_left_open(descriptors_before, open_descriptors()); !left.empty()) {
      sample.record.verified = false;
      sample.failure = "the model leaked file descriptors: " + left;
    }
}

// Threads, processes and tasks in flight, from the per-task records.
void count_places(RunSample& sample, std::span<const TaskRecord> tasks) {
  const auto own_tid = static_cast<std::int64_t>(::syscall(SYS_gettid));
  sample.record.os_threads = count_distinct(tasks, own_tid, [](const TaskRecord& t, auto& seen) {
    if (t.tid != 0) seen.insert(t.tid);
    if (t.end_tid != 0) seen.insert(t.end_tid);
  });
  sample.record.processes = count_distinct(tasks, ::getpid(), [](const TaskRecord& t, auto& seen) {
    if (t.pid != 0) seen.insert(t.pid);
  });
  sample.record.max_in_flight = max_in_flight(tasks);
}

[[noreturn]] void measured_child(const ModelInfo& info, const Scenario& scenario, std::size_t n, unsigned workers,
                                 bool record_cpu, const Placement& placement, bool send_tasks,
                                 const SharedRecords* shared, int fd) {
  forget_thread_identity();
  raise_descriptor_limit();
  RunSample sample;
  // Storage is sized before the clock starts; tasks write only their own slot.
  TaskSlots<Outcome> outcome_slots(n);
  // Live: the tasks write their records where the tool watches them, and nowhere else.
  TaskSlots<TaskRecord> record_slots(shared != nullptr ? 0 : n);
  const std::span<Outcome> outcomes = outcome_slots.span();
  const std::span<TaskRecord> records = shared != nullptr ? shared->records() : record_slots.span();
  const std::span<const TaskRecord> tasks = records;
  RunContext ctx{.work = WorkView(scenario.work()).first(n),
                 .outcomes = outcomes,
                 .records = records,
                 .workers = workers,
                 .origin = {},  // set just before the model runs
                 .note = {},
                 .record_cpu = record_cpu,
                 .placement = placement};
  run_model(info, scenario, ctx, outcomes, sample, shared);
  count_places(sample, tasks);
#ifdef CONCUR_LEAK_CHECK
  // This process ends with _exit, which skips LeakSanitizer's check at exit, and it is the
  // only process that runs a model's code: check here, once the model is gone.
  if (__lsan_do_recoverable_leak_check() != 0) {
    sample.record.verified = false;
    sample.failure = "LeakSanitizer found a leak in the measuring process (see its report)";
  }
#endif
  WireWriter out;
  out.put(sample.record);
  out.put_string(sample.failure);
  out.put_string(sample.note);
  // The runner keeps task records only for timelines and traces: a million of them it does not
  // need would be 48 MB copied through the pipe, and pages every later measured run would share.
  out.put_span(send_tasks ? tasks : tasks.first(0));
  ::_exit(write_all(fd, out.bytes()) ? 0 : 1);
}

// How long a run may take before the watchdog stops it: ten seconds for starting up (thousands
// of processes), 5 ms more per task, and twenty times the ideal back-to-back time of its tasks
// (no model of the tool is that much slower than running them one by one, even on a busy
// machine). A reference row gets a minute to start (python3 and its worker processes took 7 s
// a run on a two-core machine running six builds) and, as its interpreter computes several times
// slower than the C++ the ideal time was measured with, five times the rest. Only a model that
// stopped making progress gets there.
std::chrono::duration<double> watchdog_limit(const ModelInfo& model, const Scenario& scenario, std::size_t tasks) {
  constexpr double kStartUp = 10.0, kInterpreterStartUp = 60.0, kPerTask = 0.005, kSlowest = 20.0, kInterpreted = 5.0;
  const bool reference = model.kind == ModelKind::reference;
  const double back_to_back = std::chrono::duration<double>(scenario.task_time()).count() * static_cast<double>(tasks);
  const double slowest = reference ? kSlowest * kInterpreted : kSlowest;
  return std::chrono::duration<double>((reference ? kInterpreterStartUp : kStartUp) +
                                       kPerTask * static_cast<double>(tasks) + slowest * back_to_back);
}

}  // namespace

RunSample run_isolated(const ModelInfo& model, const Scenario& scenario, std::size_t task_count, unsigned workers,
                       bool record_cpu, const std::function<void()>& tick, const Placement& placement, bool send_tasks,
                       const SharedRecords* shared) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error(fmt::format("pipe failed: {}", std::strerror(errno)));
  const pid_t pid = fork_process_group();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    RunSample failed;
    failed.failure = fmt::format("cannot start the measuring process: {}", std::strerror(errno));
    return failed;
  }
  if (pid == 0) {
    ::close(fds[0]);
    measured_child(model, scenario, task_count, workers, record_cpu, placement, send_tasks, shared, fds[1]);
  }
  ::close(fds[1]);
  // A model that launches its workers (mpi) may spend its launch limit before the first task.
  const auto limit = watchdog_limit(model, scenario, task_count) +
                     (model.worker_unit == WorkerUnit::rank ? placement.launch_timeout : std::chrono::nanoseconds(0));
  // A model that says nothing of its footprint is watched as one that may start processes.
  const bool has_children =
      model.footprint == nullptr || model.footprint(static_cast<std::int64_t>(task_count), workers).processes > 0;
  const WatchedRun watched = read_while_watching(fds[0], pid, has_children, tick, limit);
  const auto& bytes = watched.bytes;
  ::close(fds[0]);
  // End of file means the measured process has exited (or died); its group may still hold
  // fork children if it died early, and end_process_group ends and reaps those too. After the
  // watchdog's limit, it ends the stuck run the same way.
  rusage usage{};
  const int status = end_process_group(pid, usage);

  RunSample sample;
  if (watched.timed_out) {
    sample.failure = fmt::format(
        "stopped by the watchdog: no result after {:.0f} s (its limit for {} tasks of {}), so the model stopped "
        "making progress",
        limit.count(), task_count, format_duration(scenario.task_time()));
    return sample;
  }
  if (!exited_cleanly(status)) {
    sample.failure = fmt::format("measuring process {}", describe_exit_status(status));
    return sample;
  }
  try {
    WireReader in(bytes);
    sample.record = in.get<RunRecord>();
    sample.failure = in.get_string();
    sample.note = in.get_string();
    sample.tasks = in.get_vector<TaskRecord>();
  } catch (const std::exception& e) {
    sample = RunSample{};
    sample.failure = fmt::format("garbled report from the measuring process: {}", e.what());
    return sample;
  }
  // ru_maxrss of wait4 covers the measured process and every child it reaped.
  sample.record.peak_rss_kib = usage.ru_maxrss;
  sample.record.memory_growth_kib += watched.children_peak_kib;
  return sample;
}

}  // namespace concur
