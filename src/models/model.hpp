// A model is *how* tasks run: one thread, a thread per task, a process per task, a pool,
// an event loop, fibers. Every model gets the same RunContext and must leave one Outcome
// and one TaskRecord per task in it; the runner measures everything else from outside.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "work.hpp"

namespace concur {

/// Where and when one task ran; written by the task itself into preallocated storage.
struct TaskRecord {
  std::int64_t start_ns = 0;  ///< task start, ns since the run's origin
  std::int64_t end_ns = 0;    ///< task end, ns since the run's origin
  std::int32_t pid = 0;       ///< process the task ran in
  std::int32_t tid = 0;       ///< OS thread the task started on
  std::int32_t end_tid = 0;   ///< OS thread the task ended on (fibers may migrate between threads)
};

/// Everything a model needs for one run; storage is sized before the clock starts.
struct RunContext {
  std::span<const Work> work;           ///< the tasks, in order
  std::span<Outcome> outcomes;          ///< one slot per task, written by that task only
  std::span<TaskRecord> records;        ///< one slot per task, written by that task only
  unsigned workers = 1;                 ///< --workers, for models with a fixed number of workers
  std::chrono::steady_clock::time_point origin;  ///< time zero of this run
  std::string note;                     ///< set by a model to tell the reader something (e.g. I/O backend)
};

/// Marks task `index` as started now, on this thread and process.
void record_start(RunContext& ctx, std::size_t index);

/// Marks task `index` as finished now (the thread may differ from the start's: fibers migrate).
void record_end(RunContext& ctx, std::size_t index);

/// Runs task `index` on the calling thread with blocking calls, recording it and storing its outcome.
void run_task_blocking(RunContext& ctx, std::size_t index);

/// Forgets cached thread and process ids; call first thing in a freshly forked child.
void forget_thread_identity();

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
  std::int64_t descriptors = 0;      ///< file descriptors it holds open at once (pipes to children)
  std::uint64_t resident_bytes = 0;  ///< memory its tasks touch (stacks, frames, page tables)
  std::uint64_t reserved_bytes = 0;  ///< address space the measuring process reserves (whole stacks)
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

/// A model as the registry lists it.
struct ModelInfo {
  std::string_view name;    ///< command-line name
  std::string_view blurb;   ///< one line for `list` and help
  std::string_view lesson;  ///< teaching paragraph (the opening of the model's source), printed by `explain`
  Concurrency (*concurrency)(std::int64_t tasks, std::int64_t workers);  ///< the model's caps for a run
  std::unique_ptr<Model> (*make)();  ///< builds a fresh instance
  Footprint (*footprint)(std::int64_t tasks, std::int64_t workers);  ///< what a run asks of the machine
};

}  // namespace concur
