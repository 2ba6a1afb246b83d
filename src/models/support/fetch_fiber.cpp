#include "models/support/fetch_fiber.hpp"

#include <algorithm>
#include <exception>
#include <optional>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/fiber/future.hpp>

#include "net/connection_steps.hpp"

namespace concur {
namespace {

namespace asio = boost::asio;

// Runs one step on the loop's thread and waits for it on a fiber future: the calling fiber is
// suspended, its worker thread runs other fibers, and the step's failure comes back as its exception.
template <typename Step>
void on_loop(asio::io_context& io, RunContext& ctx, std::size_t index, Step step) {
  boost::fibers::promise<void> finished;
  boost::fibers::future<void> done = finished.get_future();
  asio::co_spawn(io, step(), [promise = std::move(finished)](const std::exception_ptr& e) mutable {
    if (e) {
      promise.set_exception(e);
    } else {
      promise.set_value();
    }
  });
  record_pause(ctx, index);
  done.get();
  record_resume(ctx, index);
}

}  // namespace

struct FiberNetLoop::Loop {
  asio::io_context io;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> busy{io.get_executor()};
};

FiberNetLoop::FiberNetLoop(RunContext& ctx) {
  if (std::none_of(ctx.work.begin(), ctx.work.end(),
                   [](const Work& w) { return std::holds_alternative<FetchWork>(w); }))
    return;
  // An OS thread more than the workers, which the threads column does not show: it runs no
  // task, only the sockets' waits.
  ctx.note = "the fibers' connects, writes and waits for an answer run on an event loop thread of its own";
  loop_ = std::make_unique<Loop>();
  thread_ = std::thread([loop = loop_.get()] { loop->io.run(); });
}

FiberNetLoop::~FiberNetLoop() {
  if (!loop_) return;
  loop_->busy.reset();
  thread_.join();
}

Outcome FiberNetLoop::fetch(RunContext& ctx, std::size_t index, const FetchWork& work) {
  asio::io_context& io = loop_->io;
  // The connection is made, used and destroyed on the loop's thread only (where the handlers of
  // its socket and timers run); this fiber only sequences the steps and waits for each.
  std::optional<net::ConnectionSteps> connection;
  const auto close = [&] {
    on_loop(io, ctx, index, [&]() -> asio::awaitable<void> {
      connection.reset();
      co_return;
    });
  };
  try {
    on_loop(io, ctx, index, [&]() -> asio::awaitable<void> {
      connection.emplace(co_await asio::this_coro::executor, *work.target, work.item, index);
      co_await connection->connect();
    });
    on_loop(io, ctx, index, [&] { return connection->send_request(); });
    bool done = false;
    while (!done) {
      on_loop(io, ctx, index, [&]() -> asio::awaitable<void> {
        co_await connection->readable();
        connection->read_available();  // what has arrived, without waiting
        done = connection->done();
      });
    }
    const net::FetchResult got = connection->result();
    close();
    return Outcome{.value = got.bytes, .digest = got.digest, .payload = {}};
  } catch (...) {
    // Held, not rethrown with `throw;`: close() suspends this fiber, which may resume on another
    // worker thread, and the exception being handled is that thread's state, not the fiber's
    // (`throw;` there found none: std::terminate, a measuring process killed by SIGABRT).
    const std::exception_ptr failure = std::current_exception();
    close();
    std::rethrow_exception(failure);
  }
}

}  // namespace concur
