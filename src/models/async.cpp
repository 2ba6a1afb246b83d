// Async model.
static constexpr char kLesson[] = R"(One thread, one event loop (boost::asio::io_context), one C++20 coroutine per
task: the asyncio of C++. A coroutine that waits on a timer or a read suspends at co_await and
hands the thread back to the loop, which resumes whichever task is ready next; a thousand
waits overlap on a single OS thread in a single process. That is concurrency without
parallelism: a coroutine that computes never suspends, so factorials run one after another
and gain nothing. File reads go through Asio's io_uring files, true asynchronous disk I/O.)";

#include <boost/asio/basic_random_access_file.hpp>
#include <boost/asio/basic_waitable_timer.hpp>
#include <boost/asio/io_context.hpp>

#include <fmt/format.h>

#include "models/detached_coroutine.hpp"
#include "models/first_error.hpp"
#include "models/model.hpp"
#include "models/resume_token.hpp"

namespace concur {
namespace {

namespace asio = boost::asio;
// The loop's own executor type, not the type-erased any_io_executor: every timer and file
// then carries one pointer instead of a polymorphic executor, which matters at 100,000 tasks.
using Executor = asio::io_context::executor_type;
using Timer = asio::basic_waitable_timer<std::chrono::steady_clock, asio::wait_traits<std::chrono::steady_clock>, Executor>;
using File = asio::basic_random_access_file<Executor>;

// One coroutine per task, of the kind its work needs, so that each frame holds only what its
// task waits on: a sleeping task's frame is its timer and little else. Each co_await hands the
// thread back to the loop; the try/catch is the task's own, as nothing awaits it.
DetachedCoroutine sleep_task(Executor loop, RunContext& ctx, std::size_t index, FirstError& error) {
  try {
    // The task's own record is its stopwatch: the timer is set from the recorded start and
    // the time slept is end minus start, so a task reads the clock twice, not five times.
    record_start(ctx, index);
    const TaskRecord& record = ctx.records[index];
    Timer timer(loop, ctx.origin + std::chrono::nanoseconds(record.start_ns) +
                          std::get<SleepWork>(ctx.work[index]).duration);
    if (const auto ec = co_await timer.async_wait(resume)) throw boost::system::system_error(ec, "timer wait failed");
    record_end(ctx, index);
    ctx.outcomes[index] = Outcome{static_cast<std::uint64_t>(record.end_ns - record.start_ns), 0, {}};
  } catch (...) {
    error.capture(std::current_exception());
  }
}

DetachedCoroutine read_file_task(Executor loop, RunContext& ctx, std::size_t index, FirstError& error) {
  try {
    record_start(ctx, index);
    const std::string& path = std::get<ReadFileWork>(ctx.work[index]).path;
    // Opened by us (read-only, no symlinks, no FIFO hang), then handed to Asio for io_uring reads.
    File file(loop, open_for_reading(path));
    const auto buffer = std::make_unique_for_overwrite<std::byte[]>(kReadChunk);
    StreamDigest digest;
    std::uint64_t offset = 0;
    while (true) {
      const auto [ec, n] = co_await file.async_read_some_at(offset, asio::buffer(buffer.get(), kReadChunk), resume);
      if (ec == asio::error::eof || (!ec && n == 0)) break;
      if (ec) throw boost::system::system_error(ec, "cannot read " + path);
      digest.update({buffer.get(), n});
      offset += n;
    }
    ctx.outcomes[index] = Outcome{offset, digest.value(), {}};
    record_end(ctx, index);
  } catch (...) {
    error.capture(std::current_exception());
  }
}

// Computing has no form to await, and that is the lesson: the coroutine runs to its end on the
// loop thread when it is started, and nothing else moves until it is done.
DetachedCoroutine blocking_task(RunContext& ctx, std::size_t index, FirstError& error) {
  try {
    run_task_blocking(ctx, index);
  } catch (...) {
    error.capture(std::current_exception());
  }
  co_return;
}

// io_uring can be missing (old kernel) or forbidden (seccomp in containers). Probe once, so
// the row can say it fell back to blocking reads instead of failing.
bool io_uring_files_work(asio::io_context& io) {
  try {
    File probe(io.get_executor());
    probe.open("/proc/self/stat", File::read_only);
    return true;
  } catch (const boost::system::system_error&) {
    return false;
  }
}

class AsyncModel final : public Model {
 public:
  void run(RunContext& ctx) override {
    asio::io_context io(1);  // concurrency hint 1: one thread, so Asio may skip internal locking
    FirstError error;
    const bool has_files = std::any_of(ctx.work.begin(), ctx.work.end(),
                                       [](const Work& w) { return std::holds_alternative<ReadFileWork>(w); });
    bool blocking_files = false;
    if (has_files) {
      blocking_files = !io_uring_files_work(io);
      ctx.note = blocking_files ? "io_uring unavailable: file reads fell back to blocking reads on the loop thread"
                                : "file reads through io_uring (asio::random_access_file)";
    }
    // Each call runs its task up to the first co_await (the timer or read is then pending on
    // the loop) and returns; io.run() then resumes whichever task's operation completes.
    for (std::size_t i = 0; i < ctx.work.size(); ++i) {
      const Work& work = ctx.work[i];
      if (std::holds_alternative<SleepWork>(work))
        sleep_task(io.get_executor(), ctx, i, error);
      else if (std::holds_alternative<ReadFileWork>(work) && !blocking_files)
        read_file_task(io.get_executor(), ctx, i, error);
      else
        blocking_task(ctx, i, error);
    }
    io.run();
    error.rethrow_if_any();
  }
};

}  // namespace

/// Registry entry for the async model.
ModelInfo async_model() {
  return {"async", "C++20 coroutines on one thread (boost::asio::io_context): the asyncio analogue", kLesson,
          [](std::int64_t tasks, std::int64_t) { return Concurrency{tasks, 1}; },
          []() -> std::unique_ptr<Model> { return std::make_unique<AsyncModel>(); }};
}

}  // namespace concur
