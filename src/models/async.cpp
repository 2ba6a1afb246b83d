// Async model.
static constexpr char kLesson[] = R"(One thread, one event loop (boost::asio::io_context), one C++20 coroutine per
task: the asyncio of C++. A coroutine that waits on a timer or a read suspends at co_await and
hands the thread back to the loop, which resumes whichever task is ready next; a thousand
waits overlap on a single OS thread in a single process. That is concurrency without
parallelism: a coroutine that computes never suspends, so factorials run one after another
and gain nothing. File reads go through Asio's io_uring files, true asynchronous disk I/O.)";

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

#include <algorithm>
#include <optional>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/random_access_file.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <fmt/format.h>

#include "core/bytes.hpp"
#include "models/model.hpp"
#include "models/support/creation_failure.hpp"
#include "models/support/first_error.hpp"
#include "models/support/read_slots.hpp"

namespace concur {
namespace {

using namespace concur::literals;

namespace asio = boost::asio;
using Executor = asio::io_context::executor_type;

// Measured on a 2-core Debian 12 machine: 100,000 waiting coroutines took about 1.9 KiB each
// (frames, timers, handlers); doubled, as estimates must err on the safe side.
constexpr std::uint64_t kResidentPerCoroutine = 4_KiB;

// What the coroutines do with work that has an awaitable form.
enum class Mode {
  awaiting,  ///< co_await timers and reads; compute on the loop (the plain async model)
  blocking,  ///< call the blocking form of everything inside the coroutine (the pitfall)
  offload,   ///< like awaiting, but hand computations to a thread pool and co_await them
};

// Every co_await is a suspension: the task stops counting CPU time until it is resumed,
// because meanwhile the loop thread runs other coroutines.
asio::awaitable<Outcome> sleep_async(RunContext& ctx, std::size_t index, const SleepWork& work) {
  const TimedWait wait(work);
  asio::steady_timer timer(co_await asio::this_coro::executor, work.duration);
  record_pause(ctx, index);
  co_await timer.async_wait(asio::use_awaitable);
  record_resume(ctx, index);
  co_return wait.finish();
}

asio::awaitable<Outcome> read_file_async(RunContext& ctx, std::size_t index, const ReadFileWork& work,
                                         ReadSlots& reads) {
  // At most kAsyncReadsInFlight files open and read at once: more hangs Asio 1.81's io_uring
  // loop (read_slots.hpp says why). Waiting for a slot is a suspension like any other.
  record_pause(ctx, index);
  const ReadSlots::Held slot = co_await reads.acquire();
  record_resume(ctx, index);
  // Opened by us (read-only, no symlinks, no FIFO hang), then handed to Asio for io_uring reads.
  asio::random_access_file file(co_await asio::this_coro::executor, open_for_reading(work.path));
  const auto buffer = std::make_unique_for_overwrite<std::byte[]>(kReadChunk);
  StreamDigest digest;
  std::uint64_t offset = 0;
  while (true) {
    boost::system::error_code ec;
    record_pause(ctx, index);
    const std::size_t n = co_await file.async_read_some_at(offset, asio::buffer(buffer.get(), kReadChunk),
                                                           asio::redirect_error(asio::use_awaitable, ec));
    record_resume(ctx, index);
    if (ec == asio::error::eof || (!ec && n == 0)) break;
    if (ec) throw boost::system::system_error(ec, "cannot read " + work.path);
    digest.update({buffer.get(), n});
    offset += n;
  }
  co_return Outcome{.value = offset, .digest = digest.value(), .payload = {}};
}

// run_in_executor: the computation runs on a pool thread, which also ends the task's record
// (that is where its work finished); the coroutine only waits for it, so the loop stays free.
asio::awaitable<void> compute_offloaded(asio::thread_pool& pool, RunContext& ctx, std::size_t index) {
  record_pause(ctx, index);
  co_await asio::co_spawn(
      pool,
      [&ctx, index]() -> asio::awaitable<void> {
        record_resume(ctx, index);
        ctx.outcomes[index] = perform_blocking(ctx.work[index]);
        record_end(ctx, index);
        co_return;
      },
      asio::use_awaitable);
}

// One task as a coroutine. Each kind of work gets the form that suits it; computing has none,
// and that is the lesson: it runs on the loop thread and nothing else moves until it is done.
asio::awaitable<void> run_task(RunContext& ctx, std::size_t index, Mode mode, bool blocking_files,
                               asio::thread_pool* pool, ReadSlots& reads) {
  record_start(ctx, index);
  const Work& work = ctx.work[index];
  Outcome& out = ctx.outcomes[index];
  if (mode == Mode::blocking) {
    out = perform_blocking(work);  // the pitfall: no co_await, so the loop is stuck here
  } else if (const auto* s = std::get_if<SleepWork>(&work)) {
    out = co_await sleep_async(ctx, index, *s);
  } else if (const auto* f = std::get_if<ReadFileWork>(&work); f != nullptr && !blocking_files) {
    out = co_await read_file_async(ctx, index, *f, reads);
  } else if (std::holds_alternative<FactorialWork>(work) && pool != nullptr) {
    co_await compute_offloaded(*pool, ctx, index);
    co_return;
  } else {
    out = perform_blocking(work);
  }
  record_end(ctx, index);
}

// io_uring can be missing (old kernel) or forbidden (seccomp in containers). Probe once, so
// the row can say it fell back to blocking reads instead of failing.
bool io_uring_files_work(asio::io_context& io) {
  try {
    asio::random_access_file probe(io);
    probe.open("/proc/self/stat", asio::random_access_file::read_only);
    return true;
  } catch (const boost::system::system_error&) {
    return false;
  }
}

class AsyncModel final : public Model {
 public:
  explicit AsyncModel(Mode mode) : mode_(mode) {}

  void run(RunContext& ctx) override {
    // Declared before the loop so it outlives every coroutine that posts to it.
    std::optional<asio::thread_pool> pool;
    if (mode_ == Mode::offload) pool.emplace(ctx.workers);
    ReadSlots reads(kAsyncReadsInFlight);  // before the loop: coroutines hold its slots
    asio::io_context io(1);                // concurrency hint 1: the loop is run by one thread
    FirstError error;
    const bool has_files = std::any_of(ctx.work.begin(), ctx.work.end(),
                                       [](const Work& w) { return std::holds_alternative<ReadFileWork>(w); });
    bool blocking_files = mode_ == Mode::blocking;
    if (has_files && mode_ != Mode::blocking) {
      blocking_files = !io_uring_files_work(io);
      ctx.note = blocking_files ? "io_uring unavailable: file reads fell back to blocking reads on the loop thread"
                                : "file reads through io_uring (asio::random_access_file)";
    }
    if (mode_ == Mode::blocking) ctx.note = "blocking calls inside the coroutines: the loop waits with them";
    const bool computes = std::any_of(ctx.work.begin(), ctx.work.end(),
                                      [](const Work& w) { return std::holds_alternative<FactorialWork>(w); });
    if (mode_ == Mode::offload && computes)
      ctx.note = fmt::format("computations handed to a pool of {} threads; waits stay on the loop", ctx.workers);
    asio::thread_pool* offload_to = pool ? &*pool : nullptr;
    std::size_t spawned = 0;
    try {
      for (; spawned < ctx.work.size(); ++spawned) {
        asio::co_spawn(io, run_task(ctx, spawned, mode_, blocking_files, offload_to, reads),
                       [&error](std::exception_ptr e) {
                         if (e) error.capture(e);
                       });
      }
    } catch (const std::exception& e) {
      // No coroutine has run yet (the loop starts below); the io_context frees their frames.
      throw creation_failure("coroutine creation", spawned, "coroutines", e);
    }
    io.run();
    if (pool) pool->join();
    error.rethrow_if_any();
  }

 private:
  Mode mode_;
};

// What every async variant asks of the machine: a coroutine frame per task, on one thread; the
// loop's own descriptors (epoll, its eventfds, the io_uring ring, a timerfd), and at most
// kAsyncReadsInFlight files open at once.
constexpr std::int64_t kLoopDescriptors = 5;
Footprint loop_footprint(std::int64_t tasks, std::int64_t) {
  const auto bytes = static_cast<std::uint64_t>(tasks) * kResidentPerCoroutine;
  return Footprint{.descriptors = kLoopDescriptors,
                   .files_open = std::min(tasks, static_cast<std::int64_t>(kAsyncReadsInFlight)),
                   .resident_bytes = bytes,
                   .reserved_bytes = bytes};
}

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
          .guide = {.cost = "one OS thread in all and a small heap-allocated coroutine frame per task: the "
                            "cheapest way to keep thousands of waits in flight. Every computation and every "
                            "blocking call stalls all the other tasks.",
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
