// Async model.
static constexpr char kLesson[] = R"(One thread, one event loop (boost::asio::io_context), one C++20 coroutine per
task: the asyncio of C++. A coroutine that waits on a timer or a read suspends at co_await and
hands the thread back to the loop, which resumes whichever task is ready next; a thousand
waits overlap on a single OS thread in a single process. That is concurrency without
parallelism: a coroutine that computes never suspends, so factorials run one after another
and gain nothing. File reads go through Asio's io_uring files, true asynchronous disk I/O.)";

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/random_access_file.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <fmt/format.h>

#include "models/creation_failure.hpp"
#include "models/first_error.hpp"
#include "models/model.hpp"

namespace concur {
namespace {

namespace asio = boost::asio;
using Executor = asio::io_context::executor_type;

// Measured on a 2-core Debian 12 machine: 100,000 waiting coroutines took about 1.9 KiB each
// (frames, timers, handlers); doubled, as estimates must err on the safe side.
constexpr std::uint64_t kResidentPerCoroutine = 4 * 1024;

asio::awaitable<Outcome> sleep_async(const SleepWork& work) {
  const auto start = std::chrono::steady_clock::now();
  asio::steady_timer timer(co_await asio::this_coro::executor, work.duration);
  co_await timer.async_wait(asio::use_awaitable);
  co_return Outcome{static_cast<std::uint64_t>((std::chrono::steady_clock::now() - start).count()), 0, {}};
}

asio::awaitable<Outcome> read_file_async(const ReadFileWork& work) {
  // Opened by us (read-only, no symlinks, no FIFO hang), then handed to Asio for io_uring reads.
  asio::random_access_file file(co_await asio::this_coro::executor, open_for_reading(work.path));
  const auto buffer = std::make_unique_for_overwrite<std::byte[]>(kReadChunk);
  StreamDigest digest;
  std::uint64_t offset = 0;
  while (true) {
    boost::system::error_code ec;
    const std::size_t n = co_await file.async_read_some_at(offset, asio::buffer(buffer.get(), kReadChunk),
                                                           asio::redirect_error(asio::use_awaitable, ec));
    if (ec == asio::error::eof || (!ec && n == 0)) break;
    if (ec) throw boost::system::system_error(ec, "cannot read " + work.path);
    digest.update({buffer.get(), n});
    offset += n;
  }
  co_return Outcome{offset, digest.value(), {}};
}

// Each alternative gets the coroutine form that suits it; computing has none, and that is the
// lesson: it runs on the loop thread and nothing else moves until it is done.
asio::awaitable<Outcome> perform_async(const Work& work, bool blocking_files) {
  if (const auto* s = std::get_if<SleepWork>(&work)) co_return co_await sleep_async(*s);
  if (const auto* f = std::get_if<ReadFileWork>(&work); f != nullptr && !blocking_files)
    co_return co_await read_file_async(*f);
  co_return perform_blocking(work);
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
    std::size_t spawned = 0;
    try {
      for (; spawned < ctx.work.size(); ++spawned) {
        asio::co_spawn(
            io,
            [&ctx, i = spawned, blocking_files]() -> asio::awaitable<void> {
              record_start(ctx, i);
              ctx.outcomes[i] = co_await perform_async(ctx.work[i], blocking_files);
              record_end(ctx, i);
            },
            [&error](std::exception_ptr e) {
              if (e) error.capture(e);
            });
      }
    } catch (const std::exception& e) {
      // No coroutine has run yet (the loop starts below); the io_context frees their frames.
      throw creation_failure("coroutine creation", spawned, "coroutines", e);
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
          []() -> std::unique_ptr<Model> { return std::make_unique<AsyncModel>(); },
          [](std::int64_t tasks, std::int64_t) {
            const auto bytes = static_cast<std::uint64_t>(tasks) * kResidentPerCoroutine;
            return Footprint{.resident_bytes = bytes, .reserved_bytes = bytes};
          }};
}

}  // namespace concur
