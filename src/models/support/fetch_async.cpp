#include "models/support/fetch_async.hpp"

#include <chrono>
#include <exception>
#include <variant>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/beast/http/write.hpp>

#include "models/support/async_loop.hpp"
#include "net/client_socket.hpp"
#include "net/connection_steps.hpp"

namespace concur {
namespace {

// How many fetches the loop starts between two looks at the completions (start_fetch says why).
constexpr std::uint32_t kStartsBetweenPolls = 32;

using Socket = FetchDeadlines::Socket;

// A step ended with `ec`: an operation the deadlines cancelled timed out; any other error is the
// step's failure.
[[noreturn]] void step_ended_badly(const boost::system::error_code& ec, const FetchDeadlines::Watched& watched,
                                   std::string_view step, const net::FetchTarget& target, std::uint32_t item) {
  if (ec == asio::error::operation_aborted && watched.expired()) {
    if (step == net::step::connect) throw net::connect_timed_out(target, item);
    if (step == net::step::answer) throw net::answer_timed_out(target, item);
    throw net::step_timed_out(target, item, step);
  }
  throw net::step_failed(target, item, step, ec.message());
}

// Task `index` of the async model: one plain coroutine (a LoopTask, as the sleeps are) that
// connects, sends its request with Beast, and waits until the answer is readable, reads what
// has come and waits again, until the whole answer is in. Every wait is a co_await on the
// loop, and the deadlines (support/fetch_deadlines.hpp) bound each step.
LoopTask fetch_task(Loop& loop, std::uint32_t index) {
  RunContext& ctx = loop.ctx;
  try {
    record_start(ctx, index);
    const FetchWork& work = std::get<FetchWork>(ctx.work[index]);
    const net::FetchTarget& target = *work.target;
    target.give_up_if_failed(work.item);
    const auto server = net::endpoint_of(target);
    Socket socket(loop.executor);
    FetchDeadlines::Watched watched(loop.fetches, socket);
    boost::system::error_code ec;
    socket.open(server.protocol(), ec);
    if (ec) throw net::step_failed(target, work.item, net::step::open, ec.message());
    net::bind_source(socket.native_handle(), target, work.item, index);

    watched.expect_within(target.connect_timeout);
    record_pause(ctx, index);
    std::tie(ec) = co_await socket.async_connect(server, asio::as_tuple(resume));
    record_resume(ctx, index);
    if (ec) step_ended_badly(ec, watched, net::step::connect, target, work.item);
    {
      const auto request = net::item_request(target, work.item);
      watched.expect_within(target.io_timeout);
      record_pause(ctx, index);
      std::tie(ec, std::ignore) = co_await boost::beast::http::async_write(socket, request, asio::as_tuple(resume));
      record_resume(ctx, index);
    }
    if (ec) step_ended_badly(ec, watched, net::step::send, target, work.item);
    std::optional<net::ResponseReader> reader;  // made when the first bytes arrive, not while waiting
    while (!reader || !reader->done()) {
      watched.expect_within(target.read_timeout());
      record_pause(ctx, index);
      std::tie(ec) = co_await socket.async_wait(Socket::wait_read, asio::as_tuple(resume));
      record_resume(ctx, index);
      if (ec) step_ended_badly(ec, watched, net::step::answer, target, work.item);
      if (!reader) reader.emplace(target, work.item);
      net::read_available(socket.native_handle(), net::shared_read_buffer(), *reader, target, work.item);
    }
    const net::FetchResult got = reader->result();
    ctx.outcomes[index] = Outcome{.value = got.bytes, .digest = got.digest, .payload = {}};
    record_end(ctx, index);
  } catch (...) {
    loop.error.capture(std::current_exception());
  }
}

}  // namespace

boost::asio::awaitable<Outcome> fetch_async(RunContext& ctx, std::size_t index, const FetchWork& work) {
  net::ConnectionSteps connection(co_await boost::asio::this_coro::executor, *work.target, work.item, index);
  record_pause(ctx, index);
  co_await connection.connect();
  record_resume(ctx, index);
  record_pause(ctx, index);
  co_await connection.send_request();
  record_resume(ctx, index);
  while (!connection.done()) {
    record_pause(ctx, index);
    co_await connection.readable();
    record_resume(ctx, index);
    connection.read_available();
  }
  const net::FetchResult got = connection.result();
  co_return Outcome{.value = got.bytes, .digest = got.digest, .payload = {}};
}

void start_fetch(Loop& loop, std::uint32_t index) {
  fetch_task(loop, index);
  // A fetch's first step, its connect, completes almost at once on a near server, and its request
  // can leave right away. Left alone, the loop would start every task before it looked at any
  // completion, so the first request would wait behind a thousand connects; serviced every
  // kStartsBetweenPolls starts, requests leave while later tasks are still starting (1,000
  // fetches at 100 ms latency: 192-235 ms before, 179-207 ms after, on two cores). Only during
  // the first latency of the run, when no answer can have come back yet: polling then only sends
  // requests sooner and never ends a fetch before the last one has started, so every connection
  // is still open at once (ten thousand of them, in the C10k lesson).
  if (index % kStartsBetweenPolls != kStartsBetweenPolls - 1) return;
  const auto latency = std::get<FetchWork>(loop.ctx.work[index]).target->latency;
  if (std::chrono::steady_clock::now() - loop.ctx.origin >= latency) return;
  auto& io = loop.executor.context();
  io.poll();
  if (io.stopped()) io.restart();  // poll() stops a loop it finds without work; the run() to come must not
}

}  // namespace concur
