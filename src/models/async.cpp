// Async model.
static constexpr char kLesson[] = R"(One thread, one event loop (boost::asio::io_context), one C++20 coroutine per
task: the asyncio of C++. A coroutine that waits on a timer or a read suspends at co_await and
hands the thread back to the loop, which resumes whichever task is ready next; a thousand
waits overlap on a single OS thread in a single process. That is concurrency without
parallelism: a coroutine that computes never suspends, so factorials run one after another
and gain nothing. File reads go through Asio's io_uring files, true asynchronous disk I/O.
Each task is one plain coroutine that co_awaits Asio operations directly, not co_spawn's
asio::awaitable: co_spawn costs several allocations and about 1.6 KB per waiting task, and
doubles the time of 100,000 waits (compare the async-cospawn row). Downloads too, with Beast's
request writer; one loop timer watches every download's deadlines, not a timer per step.)";

static constexpr char kBlockingLesson[] = R"(The async model with a mistake made on purpose: inside each coroutine the
task sleeps with a plain blocking call (nanosleep) or reads its file with read(), where async
co_awaits a timer or an io_uring read. A coroutine hands the thread back only at a co_await; a
blocking call keeps it, so the event loop cannot resume any other coroutine until the call
returns. The waits that async overlapped now happen one after another, and the row takes as
long as sequential: the loop is still there, but nothing overlaps any more.)";

static constexpr char kOffloadLesson[] =
    R"(The async model's cure for computing: each coroutine hands its factorial to a pool
of --workers threads and co_awaits the answer, the pattern Python calls run_in_executor. While a
pool thread computes, the loop is free to start the next coroutine, so the computations run on
several cores at the same time and the parallel speedup comes back. Waits (timers, reads) still
happen on the loop; only the computing moves to the pool.)";

// How this file is built, for whoever adds a kind of work. A task is a coroutine returning
// LoopTask whose first parameter is the Loop: it starts when called, runs until its first
// co_await, and frees itself when it ends. It co_awaits any Asio operation by passing `resume`
// as the completion token (support/resume.hpp): the loop resumes it when the operation
// completes, and an error comes back as an exception. A task catches its own exceptions into
// loop.error. To add a form: 1. a coroutine  LoopTask x_task(Loop& loop, std::uint32_t index)
// as sleep_task below (record_start/record_end around it, record_pause/record_resume around each
// co_await); 2. one line in start_task() that picks it for its kind of work. The network fetch
// lives with the net client (support/fetch_async.hpp), its timeouts in support/fetch_deadlines.hpp.
// Objects that live across a co_await live in the coroutine's frame: keep big buffers on the heap.

#include <optional>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/random_access_file.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>

#include <fmt/format.h>

#include "core/counted.hpp"
#include "models/model.hpp"
#include "models/support/async_loop.hpp"
#include "models/support/creation_failure.hpp"
#include "models/support/fetch_async.hpp"

namespace concur {
namespace {

using namespace concur::literals;

// A timer bound to the loop's own executor type: the default steady_timer's type-erased
// executor makes each timer 48 bytes larger, a million times over.
using Timer =
    asio::basic_waitable_timer<std::chrono::steady_clock, asio::wait_traits<std::chrono::steady_clock>, LoopExecutor>;
using File = asio::basic_random_access_file<LoopExecutor>;

// Arms task `index`'s timer. Its start (the clock read that set the expiry) is the task's start.
Timer start_timer(Loop& loop, std::uint32_t index) {
  const auto& work = std::get<SleepWork>(loop.ctx.work[index]);
  record_resume(loop.ctx, index);  // the task's first running stretch (CPU time, for timelines)
  say_before(work);
  return Timer(loop.executor, work.duration);
}

// The timer fired: one clock read ends the task's record and measures its wait.
void finish_sleep(Loop& loop, std::uint32_t index, Timer::time_point expiry) {
  const auto now = std::chrono::steady_clock::now();
  const auto& work = std::get<SleepWork>(loop.ctx.work[index]);
  const auto started = expiry - work.duration;
  record_pause(loop.ctx, index);
  record_span(loop.ctx, index, started, now);
  loop.ctx.outcomes[index] = finish_wait(work, now - started);
}

// A task that waits: its own timer, and one co_await that hands the loop back until it fires.
// Every co_await is a suspension: the task stops counting CPU time until it is resumed,
// because meanwhile the loop thread runs other coroutines.
LoopTask sleep_task(Loop& loop, std::uint32_t index) {
  try {
    Timer timer = start_timer(loop, index);
    record_pause(loop.ctx, index);
    co_await timer.async_wait(resume);
    record_resume(loop.ctx, index);
    finish_sleep(loop, index, timer.expiry());
  } catch (...) {
    loop.error.capture(std::current_exception());
  }
}

// A task that reads a file through io_uring, a chunk per co_await.
LoopTask read_file_task(Loop& loop, std::uint32_t index) {
  try {
    record_start(loop.ctx, index);
    // At most kAsyncReadsInFlight files open and read at once (support/loop_gate.hpp says why
    // Asio 1.81 needs it); waiting for a slot is a suspension like any other co_await.
    record_pause(loop.ctx, index);
    const auto slot = co_await loop.reads.enter();
    record_resume(loop.ctx, index);
    const auto& work = std::get<ReadFileWork>(loop.ctx.work[index]);
    // Opened by us (read-only, no symlinks, no FIFO hang), then handed to Asio for io_uring reads.
    File file(loop.executor, open_for_reading(work.path));
    const auto buffer = std::make_unique_for_overwrite<std::byte[]>(kReadChunk);
    StreamDigest digest;
    std::uint64_t offset = 0;
    while (true) {
      record_pause(loop.ctx, index);
      const auto [ec, n] =
          co_await file.async_read_some_at(offset, asio::buffer(buffer.get(), kReadChunk), asio::as_tuple(resume));
      record_resume(loop.ctx, index);
      if (ec == asio::error::eof || (!ec && n == 0)) break;
      if (ec) throw boost::system::system_error(ec, "cannot read " + work.path);
      digest.update({buffer.get(), n});
      offset += n;
    }
    loop.ctx.outcomes[index] = Outcome{.value = offset, .digest = digest.value(), .payload = {}};
    record_end(loop.ctx, index);
  } catch (...) {
    loop.error.capture(std::current_exception());
  }
}

// run_in_executor: the task moves to a pool thread for its computation and ends there (that is
// where its work finished); meanwhile the loop thread goes on with the other tasks.
LoopTask offloaded_task(Loop& loop, std::uint32_t index) {
  try {
    record_start(loop.ctx, index);
    record_pause(loop.ctx, index);
    co_await asio::post(*loop.pool, resume);  // resumes on a pool thread
    record_resume(loop.ctx, index);
    loop.ctx.outcomes[index] = perform_blocking(loop.ctx.work[index]);
    record_end(loop.ctx, index);
  } catch (...) {
    loop.error.capture(std::current_exception());
  }
}

// A task with no co_await: computing (which has no other form), and the pitfall of a blocking
// call inside a coroutine. Nothing else on the loop moves until it returns.
LoopTask blocking_task(Loop& loop, std::uint32_t index) {
  try {
    run_task_blocking(loop.ctx, index);
  } catch (...) {
    loop.error.capture(std::current_exception());
  }
  co_return;
}

// Starts task `index` as the coroutine that suits its work; it runs up to its first co_await.
void start_task(Loop& loop, std::uint32_t index) {
  const Work& work = loop.ctx.work[index];
  const bool awaits = loop.mode != Mode::blocking;  // the pitfall: no co_await, the loop is stuck in the task
  if (awaits && std::holds_alternative<SleepWork>(work)) {
    sleep_task(loop, index);
  } else if (awaits && std::holds_alternative<ReadFileWork>(work) && !loop.blocking_files) {
    read_file_task(loop, index);
  } else if (awaits && std::holds_alternative<FactorialWork>(work) && loop.pool != nullptr) {
    offloaded_task(loop, index);
  } else if (awaits && std::holds_alternative<FetchWork>(work)) {
    start_fetch(loop, index);
  } else {
    blocking_task(loop, index);  // computing, or any work in the pitfall variant
  }
}

// io_uring can be missing (old kernel) or forbidden (seccomp in containers). Probe once, so
// the row can say it fell back to blocking reads instead of failing.
bool io_uring_files_work(asio::io_context& io) {
  try {
    const File probe(io.get_executor(), "/proc/self/stat", File::read_only);
    return true;
  } catch (const boost::system::system_error&) {
    return false;
  }
}

// What the row says about how its tasks ran.
void describe(Loop& loop, RunContext& ctx, asio::io_context& io) {
  const auto any = [&ctx](auto is) { return std::any_of(ctx.work.begin(), ctx.work.end(), is); };
  const bool has_files = any([](const Work& w) { return std::holds_alternative<ReadFileWork>(w); });
  loop.blocking_files = loop.mode == Mode::blocking;
  if (has_files && loop.mode != Mode::blocking) {
    loop.blocking_files = !io_uring_files_work(io);
    ctx.note = loop.blocking_files ? "io_uring unavailable: file reads fell back to blocking reads on the loop thread"
                                   : "file reads through io_uring (asio::random_access_file)";
  }
  if (loop.mode == Mode::blocking) ctx.note = "blocking calls inside the coroutines: the loop waits with them";
  if (loop.mode == Mode::offload && any([](const Work& w) { return std::holds_alternative<FactorialWork>(w); }))
    ctx.note =
        fmt::format("computations handed to a pool of {}; waits stay on the loop", counted(ctx.workers, "thread"));
}

class AsyncModel final : public Model {
 public:
  explicit AsyncModel(Mode mode) : mode_(mode) {}

  void run(RunContext& ctx) override {
    // Declared before the loop so it outlives every coroutine that moves to it.
    std::optional<asio::thread_pool> pool;
    if (mode_ == Mode::offload) pool.emplace(ctx.workers);
    asio::io_context io(1);  // concurrency hint 1: the loop is run by one thread
    Loop loop{.ctx = ctx, .executor = io.get_executor(), .mode = mode_, .pool = pool ? &*pool : nullptr};
    describe(loop, ctx, io);
    std::uint32_t started = 0;
    try {
      for (; started < ctx.work.size(); ++started) start_task(loop, started);
    } catch (const std::exception& e) {
      // A frame could not be allocated: let the tasks already started finish, then say so.
      io.run();
      if (pool) pool->join();
      throw creation_failure("coroutine creation", started, "coroutines", e);
    }
    io.run();
    if (pool) pool->join();
    loop.error.rethrow_if_any();
  }

 private:
  Mode mode_;
};

}  // namespace

/// Registry entry for the async model.
ModelInfo async_model() {
  return {.name = "async",
          .blurb = "C++20 coroutines on one thread (boost::asio::io_context): the asyncio analogue",
          .lesson = kLesson,
          .concurrency =
              [](std::int64_t tasks, std::int64_t) {
                return Concurrency{tasks, 1};
              },
          .make = []() -> std::unique_ptr<Model> { return std::make_unique<AsyncModel>(Mode::awaiting); },
          .footprint = loop_footprint,
          .guide = {.cost = "one OS thread in all and a coroutine frame of about 230 bytes per waiting task (its "
                            "timer included): the cheapest way to keep thousands of waits in flight. Every "
                            "computation and every blocking call stalls all the other tasks.",
                    .use_when = "many tasks that mostly wait (sockets, timers, files through io_uring). Not for "
                                "computing, unless the computation is handed to a pool (async-offload); never call "
                                "a blocking function inside a coroutine (async-blocking).",
                    .demo = "concur-demo sleep --tasks 100 --model async,thread,fork --timeline"}};
}

/// Registry entry for the async model with blocking calls inside its coroutines (a pitfall).
ModelInfo async_blocking_model() {
  return {.name = "async-blocking",
          .blurb = "async with a blocking sleep/read inside each coroutine: the loop stalls (pitfall)",
          .lesson = kBlockingLesson,
          .concurrency =
              [](std::int64_t tasks, std::int64_t) {
                return Concurrency{tasks, 1};
              },
          .make = []() -> std::unique_ptr<Model> { return std::make_unique<AsyncModel>(Mode::blocking); },
          .footprint =
              [](std::int64_t tasks, std::int64_t workers) {
                Footprint f = loop_footprint(tasks, workers);
                f.files_open = 1;  // every read blocks the loop: one file at a time
                return f;
              },
          .guide = {.cost = "as much as async to set up, and all of its benefit lost: one blocking call holds the "
                            "only thread, so the row costs what sequential costs.",
                    .use_when = "never on purpose. It is here to be recognised: an async program that is no faster "
                                "than a loop has a blocking call somewhere inside a coroutine.",
                    .demo = "concur-demo sleep --model async --blocking --timeline"},
          .kind = ModelKind::variant};
}

/// Registry entry for the async model that hands computations to a thread pool (run_in_executor).
ModelInfo async_offload_model() {
  return {.name = "async-offload",
          .blurb = "async handing each computation to a thread pool and awaiting it (run_in_executor)",
          .lesson = kOffloadLesson,
          .concurrency =
              [](std::int64_t tasks, std::int64_t workers) {
                return Concurrency{tasks, std::min(tasks, workers)};
              },
          .make = []() -> std::unique_ptr<Model> { return std::make_unique<AsyncModel>(Mode::offload); },
          .footprint =
              [](std::int64_t tasks, std::int64_t workers) {
                Footprint f = loop_footprint(tasks, workers);
                f.threads = workers;  // the pool the computations go to
                return f;
              },
          .guide = {.cost = "async's thread plus a pool of --workers threads, and two hand-overs per computation "
                            "(to the pool and back to the loop).",
                    .use_when = "an event-loop program that must also compute: keep the waits on the loop and send "
                                "the CPU work to a pool sized to the cores.",
                    .demo = "concur-demo cpu --model async --offload --timeline"},
          .kind = ModelKind::variant};
}

}  // namespace concur
