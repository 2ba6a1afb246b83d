#include "models/support/fetch_async.hpp"

#include <boost/asio/this_coro.hpp>

#include "net/connection_steps.hpp"

namespace concur {

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

}  // namespace concur
