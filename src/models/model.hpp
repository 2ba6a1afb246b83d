// A model is *how* tasks run: one thread, a thread per task, a process per task, a pool,
// an event loop, fibers. Every model gets the same RunContext and must leave one Outcome
// and one TaskRecord per task in it; the runner measures everything else from outside.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/task_record.hpp"
#include "scenarios/scenario.hpp"
#include "scenarios/work.hpp"
#include "scenarios/work_list.hpp"

namespace concur {

/// Where a model that launches its workers as processes, possibly on other machines (mpi),
/// puts them; its workers are then its ranks (--ranks).
struct Placement {
  std::string hostfile;  ///< --hosts: an Open MPI hostfile naming the machines; empty: this machine only
  std::chrono::nanoseconds launch_timeout = std::chrono::seconds(30);  ///< --launch-timeout: a slower launch fails
  /// A directory of the tool's own (removed at its end, even when interrupted) for what the
  /// launcher writes on this machine: Open MPI's session directory, its shared-memory files.
  std::string scratch_dir;
};

/// Everything a model needs for one run; storage is sized before the clock starts.
struct RunContext {
  WorkView work;                  ///< the tasks, in order
  std::span<Outcome> outcomes;    ///< one slot per task, written by that task only
  std::span<TaskRecord> records;  ///< one slot per task, written by that task only
  unsigned workers = 1;  ///< --workers (--ranks for a model whose workers are ranks), for models with a fixed number
  /// Time zero of this run. The runner times the run from here to the model's return (or
  /// `finish`); a model whose workload starts later than run() (an interpreter booting first)
  /// moves it forward.
  std::chrono::steady_clock::time_point origin;
  std::string note;         ///< set by a model to tell the reader something (e.g. I/O backend)
  bool record_cpu = false;  ///< fill TaskRecord::cpu_ns (a timeline or trace was asked for)
  Placement placement;      ///< --hosts and --launch-timeout, for a model whose workers are ranks
  /// The end of the run when it came before the model's return: a model whose workers shut
  /// down after handing in the results (mpi's ranks finalising) sets it; empty: its return.
  std::optional<std::chrono::steady_clock::time_point> finish{};
  /// CPU time the run's processes spent outside the timed window (an interpreter's start-up),
  /// which the runner takes off the run's CPU time, as `origin` takes it off the wall time.
  std::chrono::nanoseconds cpu_outside{0};
};

/// Marks task `index` as started now, on this thread and process.
void record_start(RunContext& ctx, std::size_t index);

/// Writes task `index`'s whole record when it ends, from times it read itself: it started at
/// `start` (an async wait's timer start) and ends at `end`, on this thread. A task recorded this
/// way touches its record only once, when it ends (a million waiting tasks hold none in memory);
/// with ctx.record_cpu it still calls record_resume as it starts and record_pause as it ends.
void record_span(RunContext& ctx, std::size_t index, std::chrono::steady_clock::time_point start,
                 std::chrono::steady_clock::time_point end);

/// Marks task `index` as finished now (the thread may differ from the start's: fibers migrate).
void record_end(RunContext& ctx, std::size_t index);

/// record_pause's work when CPU time is recorded (ctx.record_cpu).
void record_pause_cpu(RunContext& ctx, std::size_t index);

/// record_resume's work when CPU time is recorded (ctx.record_cpu).
void record_resume_cpu(RunContext& ctx, std::size_t index);

/// Stops counting task `index`'s CPU time: call before the task suspends (co_await, a fiber
/// sleep), because the thread's CPU clock then runs for whatever task the thread runs next.
/// Inline, as record_resume: without a timeline each is a test, not a call, around every
/// suspension of every task.
inline void record_pause(RunContext& ctx, std::size_t index) {
  if (ctx.record_cpu) record_pause_cpu(ctx, index);
}

/// Resumes counting task `index`'s CPU time on the calling thread after a suspension.
inline void record_resume(RunContext& ctx, std::size_t index) {
  if (ctx.record_cpu) record_resume_cpu(ctx, index);
}

/// Runs task `index` on the calling thread with blocking calls, recording it and storing its outcome.
void run_task_blocking(RunContext& ctx, std::size_t index);

/// Forgets cached thread and process ids; call first thing in a freshly forked child.
void forget_thread_identity();

/// CPU time the calling thread has used so far, in nanoseconds.
std::int64_t thread_cpu_ns();

/// How many tasks a model can keep in flight, and how many it can compute at the same instant.
struct Concurrency {
  std::int64_t in_flight;  ///< tasks that can be started and not finished at once
  std::int64_t parallel;   ///< tasks that can be on a CPU at the same instant
};

/// What one run of a model asks of the machine, so the run can be refused before it starts
/// rather than fail half-way. Memory figures are estimates measured on this kind of machine.
struct Footprint {
  std::int64_t threads = 0;          ///< OS threads it starts besides the measuring thread
  std::int64_t processes = 0;        ///< child processes it starts
  std::int64_t descriptors = 0;      ///< descriptors one of its processes holds open at once (pipes, its loop's own)
  std::int64_t files_open = 0;       ///< files it holds open at once when every task reads one (files scenario)
  std::uint64_t resident_bytes = 0;  ///< memory its tasks touch (stacks, frames, page tables)
  std::uint64_t reserved_bytes = 0;  ///< address space the measuring process reserves (whole stacks)
  std::uint64_t stack_bytes = 0;     ///< stack its threads need at least; 0: what the tool's own code needs
};

/// A way of running tasks. Implementations are final classes in src/models/, one per file.
class Model {
 public:
  virtual ~Model() = default;
  /// Runs every task of `ctx` to completion. A task's exception, or a refusal to create a
  /// thread, process, fiber or coroutine (EAGAIN, bad_alloc), ends the run with an exception
  /// saying so, thrown only after everything already started has been joined or reaped.
  virtual void run(RunContext& ctx) = 0;
};

/// Which rows a model makes, and so whether `--model all` includes it.
enum class ModelKind {
  core,         ///< one of the models `--model all` runs
  variant,      ///< a deliberate pitfall or fix of a core model (async-blocking, async-offload); by name or flag
  reference,    ///< runs outside this program (the Python rows); by name or `py`, skipped when unavailable
  distributed,  ///< launches its workers as processes on one or more machines (mpi); by name, skipped when unavailable
};

/// What a model's workers are, and so which option counts them.
enum class WorkerUnit {
  thread,  ///< threads of this process: --workers
  rank,    ///< processes a launcher starts, here or on other machines: --ranks
};

/// What `explain` says about a model besides its lesson.
struct ModelGuide {
  std::string_view cost;      ///< what the model costs
  std::string_view use_when;  ///< when to choose it, and when not
  std::string_view demo;      ///< a command that shows its lesson
};

/// A model as the registry lists it.
struct ModelInfo {
  std::string_view name;    ///< command-line name
  std::string_view blurb;   ///< one line for `list` and help
  std::string_view lesson;  ///< teaching paragraph (the opening of the model's source), printed by `explain`
  Concurrency (*concurrency)(std::int64_t tasks, std::int64_t workers);  ///< the model's caps for a run
  std::unique_ptr<Model> (*make)();                                      ///< builds a fresh instance
  Footprint (*footprint)(std::int64_t tasks, std::int64_t workers);      ///< what a run asks of the machine
  ModelGuide guide{};                        ///< cost, use and demo command, printed by `explain`
  ModelKind kind = ModelKind::core;          ///< core, variant, reference or distributed
  std::string_view baseline = "sequential";  ///< the row this model's speedup is measured against
  std::string (*unavailable)() = nullptr;    ///< why it cannot run on this machine (empty: it can); may be null
  /// What the `workers` of concurrency, footprint and RunContext count: --workers or --ranks.
  WorkerUnit worker_unit = WorkerUnit::thread;
  /// Why it cannot run the scenario called `scenario`, built with `options`, where `placement`
  /// puts it (files other machines cannot see, say): one line, and the run is refused before
  /// anything is measured; empty when it can. May be null.
  std::string (*refuses)(std::string_view scenario, const ScenarioOptions& options,
                         const Placement& placement) = nullptr;
};

}  // namespace concur
