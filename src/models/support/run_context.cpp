#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

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

const Identity& identity() {
  if (cached_identity.tid == 0) {
    cached_identity.pid = static_cast<std::int32_t>(::getpid());
    cached_identity.tid = static_cast<std::int32_t>(::syscall(SYS_gettid));
  }
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

void forget_thread_identity() { cached_identity = {}; }

// cpu_ns accumulates running segments: a resume subtracts the clock, a pause adds it back,
// so between the two the slot holds a negative offset and after the pause the segment's length.
void record_resume(RunContext& ctx, std::size_t index) {
  if (!ctx.record_cpu) return;
  TaskRecord& r = ctx.records[index];
  r.cpu_ns -= thread_cpu_ns();
  r.resumed_ns = since_origin(ctx);
}

void record_pause(RunContext& ctx, std::size_t index) {
  if (ctx.record_cpu) ctx.records[index].cpu_ns += thread_cpu_ns();
}

void record_start(RunContext& ctx, std::size_t index) {
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

void record_end(RunContext& ctx, std::size_t index) {
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

void run_task_blocking(RunContext& ctx, std::size_t index) {
  record_start(ctx, index);
  ctx.outcomes[index] = perform_blocking(ctx.work[index]);
  record_end(ctx, index);
}

}  // namespace concur
