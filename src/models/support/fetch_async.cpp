#include "models/support/fetch_async.hpp"

#include <chrono>
#include <exception>
#include <variant>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/this_coro.hpp>

#include "models/support/async_loop.hpp"
#include "net/connection_steps.hpp"

namespace concur {
namespace {

// How many fetches the loop starts between two looks at the completions (start_fetch says why).
constexpr std::uint32_t kStartsBetweenPolls = 32;

// The whole task as one awaitable: its record from its first step to its last, so the timeline
// shows the fetch, not the hand-over to the loop that follows it.
boost::asio::awaitable<Outcome> recorded_fetch(RunContext& ctx, std::uint32_t index) {
  record_start(ctx, index);
  Outcome out = co_await fetch_async(ctx, index, std::get<FetchWork>(ctx.work[index]));
  record_end(ctx, index);
  co_return out;
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

// Beast's steps are asio::awaitable coroutines (net/connection_steps.hpp), which only another
// asio::awaitable can co_await: so a fetch is co_spawned, not a LoopTask. Its completion runs on
// the loop thread, as a LoopTask's resumption does.
void start_fetch(Loop& loop, std::uint32_t index) {
  boost::asio::co_spawn(loop.executor, recorded_fetch(loop.ctx, index),
                        [&loop, index](const std::exception_ptr& error, const Outcome& out) {
                          if (error) {
                            loop.error.capture(error);
                            return;
                          }
                          loop.ctx.outcomes[index] = out;
                        });
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
