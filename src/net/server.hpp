// The HTTP/1.1 server behind `concur-demo serve` and behind the net scenario: GET
// /item/<i>?size=<bytes>&latency=<duration> waits `latency` on a timer (standing for the network
// and a far server's work), then answers `size` bytes of item i (net/item.hpp). One thread, one
// Asio event loop, one coroutine per connection; Beast parses requests and writes responses.
// Every limit (connections, header size, idle and header timeouts, a client that stops reading)
// ends only the connection that reached it: one bad client never delays the others.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "net/request.hpp"

namespace concur::net {

/// How a server is set up.
struct ServerOptions {
  std::string bind = "127.0.0.1";  ///< address to listen on (an IP literal or "localhost")
  std::uint16_t port = 8080;       ///< port to listen on; 0 lets the kernel choose
  RequestLimits request;           ///< what one request may ask (sizes, latencies, header bytes)
  /// Connections open at once; beyond it a new one is answered 503 and closed. 0: derived from
  /// the open-file limit (default_max_connections()).
  std::int64_t max_connections = 0;
  /// A connection with no request under way (a new one, or between keep-alive requests) is
  /// closed after this long.
  std::chrono::nanoseconds idle_timeout = std::chrono::seconds(30);
  /// A request's line and headers must be complete this long after its first byte (a client
  /// that trickles its request is answered 408 and closed).
  std::chrono::nanoseconds header_timeout = std::chrono::seconds(10);
  /// A response whose next piece the client does not take within this long is abandoned.
  std::chrono::nanoseconds write_timeout = std::chrono::seconds(30);
  bool status_lines = false;  ///< print where it listens, and a line a second (connections, requests, bytes)
};

/// What a server did in its life.
struct ServerTotals {
  std::uint64_t connections = 0;  ///< connections accepted
  std::uint64_t requests = 0;     ///< items answered in full
  std::uint64_t refused = 0;      ///< requests answered 4xx/5xx (malformed, too big, at the cap, too slow)
  std::uint64_t bytes_sent = 0;   ///< bytes written to clients, headers included
};

/// Called once the server listens, with the address and port it is bound to (the port the
/// kernel chose, for port 0).
using Listening = std::function<void(const std::string& address, std::uint16_t port)>;

/// Runs a server on the calling thread until SIGINT, SIGTERM or SIGHUP arrives; returns what it
/// did. Throws UsageError when it cannot listen (a bad --bind, a port in use or not allowed).
ServerTotals run_server(const ServerOptions& options, const Listening& listening = {});

/// The connection cap when none is given: the open-file limit (raised to its hard limit) less
/// what the server itself keeps open (its listening socket, the event loop, standard streams).
std::int64_t default_max_connections();

/// Connects a server with connection cap `cap` can hold queued before it accepts them: its
/// listening sockets (enough for the cap, at most eight) times net.core.somaxconn.
std::int64_t accept_queue_capacity(std::int64_t cap);

/// Raises this process's soft open-file limit to its hard limit (every connection is a
/// descriptor) and returns the new soft limit.
std::uint64_t raise_open_file_limit();

}  // namespace concur::net
