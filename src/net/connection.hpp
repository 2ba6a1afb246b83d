// One client's connection to the server: read a request within the idle and header timeouts,
// wait its latency, answer it piece by piece within the write timeout, or refuse it with the
// status that says why; then the next request (keep-alive) or close. Everything a connection
// does ends that connection only: it shares nothing with the others but the counters.
#pragma once

#include <cstdint>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "net/server.hpp"

namespace concur::net {

/// What every connection of a server adds to.
struct ServerCounters {
  std::int64_t open = 0;  ///< connections open now
  ServerTotals totals;    ///< what the server did so far
};

/// Serves `socket` until it closes or a limit of `options` ends it, adding to `counters` (which
/// must outlive the coroutine: it counts itself closed as it ends, even when its loop is destroyed).
boost::asio::awaitable<void> serve_connection(boost::asio::ip::tcp::socket socket, const ServerOptions& options,
                                              ServerCounters& counters);

}  // namespace concur::net
