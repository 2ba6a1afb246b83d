// Async model, written with co_spawn.
static constexpr char kLesson[] = R"(The async model written the way Asio's own examples write it: each task is
co_spawn'ed onto the io_context as an asio::awaitable, and awaits its timer or read with
use_awaitable. It overlaps the same waits on the same single thread, and shows what that
convenience costs per task: co_spawn allocates an entry-point frame and a thread object for
each task, and each awaitable function a task calls has a frame of its own, about 1.6 KB held
by every waiting task. The async row runs each task as one plain coroutine instead.)";

#include <algorithm>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/random_access_file.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <fmt/format.h>

#include "core/bytes.hpp"
#include "models/model.hpp"
#include "models/support/async_loop.hpp"
#include "models/support/creation_failure.hpp"
#include "models/support/first_error.hpp"

namespace concur {
namespace {

using namespace concur::literals;

namespace asio = boost::asio;

// Measured on a 2-core Debian 12 machine: 100,000 waiting coroutines took about 1.9 KiB each
// (frames, timers, handlers); doubled, as estimates must err on the safe side.
constexpr std::uint64_t kResidentPerSpawnedTask = 4_KiB;

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

asio::awaitable<Outcome> read_file_async(RunContext& ctx, std::size_t index, const ReadFileWork& work) {
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

// One task as an awaitable: waits await, computing runs on the loop.
asio::awaitable<void> run_task(RunContext& ctx, std::size_t index) {
  record_start(ctx, index);
  const Work& work = ctx.work[index];
  Outcome& out = ctx.outcomes[index];
  if (const auto* s = std::get_if<SleepWork>(&work)) {
    out = co_await sleep_async(ctx, index, *s);
  } else if (const auto* f = std::get_if<ReadFileWork>(&work)) {
    out = co_await read_file_async(ctx, index, *f);
  } else {
    out = perform_blocking(work);
  }
  record_end(ctx, index);
}

// Spawns the tasks in order. A run with file reads keeps at most kAsyncReadsInFlight of them
// spawned at once, each ending task spawning the next (Asio 1.81's io_uring loop can hang with
// more reads in flight, see support/loop_gate.hpp); a run of waits spawns them all at once.
struct Spawner {
  asio::io_context& io;
  RunContext& ctx;
  FirstError& error;
  std::size_t next = 0;  ///< the next task to spawn; also how many were spawned

  void spawn() {
    const std::size_t index = next++;
    asio::co_spawn(io, run_task(ctx, index), [this](const std::exception_ptr& e) {
      if (e) error.capture(e);
      if (next < ctx.work.size()) spawn();
    });
  }
};

class CospawnModel final : public Model {
 public:
  void run(RunContext& ctx) override {
    asio::io_context io(1);
    FirstError error;
    const bool reads = std::any_of(ctx.work.begin(), ctx.work.end(),
                                   [](const Work& w) { return std::holds_alternative<ReadFileWork>(w); });
    const std::size_t first = reads ? std::min(ctx.work.size(), kAsyncReadsInFlight) : ctx.work.size();
    Spawner spawner{.io = io, .ctx = ctx, .error = error};
    try {
      while (spawner.next < first) spawner.spawn();
    } catch (const std::exception& e) {
      // No coroutine has run yet (the loop starts below); the io_context frees their frames.
      throw creation_failure("coroutine creation", spawner.next, "coroutines", e);
    }
    io.run();
    error.rethrow_if_any();
  }
};

}  // namespace

/// Registry entry for the async model written with co_spawn and asio::awaitable.
ModelInfo async_cospawn_model() {
  return {.name = "async-cospawn",
          .blurb = "async written with co_spawn and asio::awaitable: the same waits, the usual per-task cost",
          .lesson = kLesson,
          .concurrency =
              [](std::int64_t tasks, std::int64_t) {
                return Concurrency{tasks, 1};
              },
          .make = []() -> std::unique_ptr<Model> { return std::make_unique<CospawnModel>(); },
          .footprint =
              [](std::int64_t tasks, std::int64_t workers) {
                Footprint f = loop_footprint(tasks, workers);
                f.resident_bytes = static_cast<std::uint64_t>(tasks) * kResidentPerSpawnedTask;
                f.reserved_bytes = f.resident_bytes;
                return f;
              },
          .guide = {.cost = "what async costs, plus co_spawn's entry frame and thread object and a frame per "
                            "awaitable function: about 1.6 KB more per waiting task, measured.",
                    .use_when = "the idiomatic Asio style, and the right one for most programs: these bytes matter "
                                "only at hundreds of thousands of tasks. Here it shows what the async row avoids.",
                    .demo = "concur-demo sleep --tasks 100000 --model async,async-cospawn"},
          .kind = ModelKind::variant,
          // Its speedup column reads against the plain async row: the price of the idiom, measured.
          .baseline = "async"};
}

}  // namespace concur
