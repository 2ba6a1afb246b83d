#include <sys/single_threaded.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <atomic>

#include "core/monotonic_clock.hpp"
#include "models/model.hpp"

namespace concur {
namespace {

// gettid and getpid are real system calls; a task start would pay two of them. Caching per
// thread keeps the bookkeeping at two clock reads per task, which matters at 100,000 tasks.
struct Identity {
  std::int32_t pid = 0;
  std::int32_t tid = 0;
};
thread_local Identity cached_identity;
// And the process id once per process: the thread model starts 10,000 threads, each of which
// would otherwise ask for it again. 0 until read.
std::atomic<std::int32_t> process_id{0};

const Identity& identity() {
  if (cached_identity.tid != 0) return cached_identity;
  if (__libc_single_threaded) {
    // While a process has one thread, that thread's id is the process id (a fork child's only
    // thread included): one system call fewer in every child of the fork model, and no write
    // to a page of this program's data, which would be one more page copied in each of them.
    const auto pid = static_cast<std::int32_t>(::getpid());
    cached_identity = {.pid = pid, .tid = pid};
    return cached_identity;
  }
  std::int32_t pid = process_id.load(std::memory_order_relaxed);
  if (pid == 0) {
    pid = static_cast<std::int32_t>(::getpid());
    process_id.store(pid, std::memory_order_relaxed);
  }
  cached_identity = {.pid = pid, .tid = static_cast<std::int32_t>(::syscall(SYS_gettid))};
  return cached_identity;
}

std::int64_t since_origin(const RunContext& ctx) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(monotonic_now() - ctx.origin).count();
}

}  // namespace

// Read per task only when a timeline or trace was asked for: at ~50-100 ns a read it would
// otherwise be the largest part of the bookkeeping per task.
std::int64_t thread_cpu_ns() {
  timespec t{};
  ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<std::int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}

void forget_thread_identity() {
  cached_identity = {};
  process_id.store(0, std::memory_order_relaxed);
}

// cpu_ns accumulates running segments: a resume subtracts the clock, a pause adds it back,
// so between the two the slot holds a negative offset and after the pause the segment's length.
void record_resume_cpu(RunContext& ctx, std::size_t index) {
  TaskRecord& r = ctx.records[index];
  r.cpu_ns -= thread_cpu_ns();
  r.resumed_ns = since_origin(ctx);
}

void record_pause_cpu(RunContext& ctx, std::size_t index) { ctx.records[index].cpu_ns += thread_cpu_ns(); }

// [[gnu::hot]]: the path every child of the fork model runs, placed side by side by the linker so
// that a child faults in its code pages once (CMakeLists.txt, the fork parent).
[[gnu::hot]] void record_start(RunContext& ctx, std::size_t index) {
  const Identity& who = identity();
  TaskRecord& r = ctx.records[index];
  r.start_ns = since_origin(ctx);
  r.pid = who.pid;
  r.tid = who.tid;
  if (ctx.record_cpu) {
    r.cpu_ns -= thread_cpu_ns();
    r.resumed_ns = r.start_ns;
  }
}

[[gnu::hot]] void record_end(RunContext& ctx, std::size_t index) {
  record_pause(ctx, index);
  TaskRecord& r = ctx.records[index];
  r.end_ns = since_origin(ctx);
  r.end_tid = identity().tid;
}

void record_span(RunContext& ctx, std::size_t index, std::chrono::steady_clock::time_point start,
                 std::chrono::steady_clock::time_point end) {
  const Identity& who = identity();
  TaskRecord& r = ctx.records[index];
  r.start_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(start - ctx.origin).count();
  r.end_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(end - ctx.origin).count();
  r.pid = who.pid;
  r.tid = who.tid;
  r.end_tid = who.tid;
}

[[gnu::hot]] void run_task_blocking(RunContext& ctx, std::size_t index) {
  record_start(ctx, index);
  ctx.outcomes[index] = perform_blocking(ctx.work[index]);
  record_end(ctx, index);
}

}  // namespace concur
