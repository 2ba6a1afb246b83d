// Where and what every task of a net run fetches: the server's address, resolved once, and
// the parameters each request carries. A task names only its item; the rest is shared here,
// which keeps a task (the Work alternative) two words long at a million tasks.
#pragma once

#include <netinet/in.h>
#include <sys/socket.h>

#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace concur::net {

class FirstFailure;

/// Connections one loopback source address carries before the next one (127.0.0.2, …) takes
/// over: each source address has its own ephemeral ports towards the server.
inline constexpr std::int64_t kConnectionsPerSource = 16384;

/// The server every task of a run fetches from, and what each request asks of it.
struct FetchTarget {
  sockaddr_storage address{};           ///< the server's resolved address
  socklen_t address_length = 0;         ///< bytes of `address` in use
  std::string ip;                       ///< the server's numeric address ("127.0.0.1", "::1")
  std::uint16_t port = 0;               ///< the server's port
  std::string authority;                ///< "host:port" as given, for the Host header and messages
  std::uint64_t size = 0;               ///< body bytes each request asks for
  std::chrono::nanoseconds latency{0};  ///< latency each request asks the server to wait
  bool spread_sources = false;          ///< IPv4 loopback: spread connections over 127.0.0.x sources
  std::chrono::nanoseconds connect_timeout{std::chrono::seconds(10)};  ///< a connect that takes longer fails
  std::chrono::nanoseconds io_timeout{std::chrono::seconds(10)};  ///< silence longer than this (beyond latency) fails
  FirstFailure* first_failure = nullptr;                          ///< shared with every task of the run; may be null

  /// The path and query of item `item`'s request: "/item/7?size=65536&latency=100ms".
  [[nodiscard]] std::string path(std::uint32_t item) const;
  /// The whole request for item `item`, one connection per request ("Connection: close").
  [[nodiscard]] std::string request(std::uint32_t item) const;
  /// The local address task `index` connects from when sources are spread ("127.0.0.2"); empty:
  /// let the kernel choose.
  [[nodiscard]] std::string source_for(std::size_t index) const;
  /// How long a task may wait for the response's next bytes: the latency plus io_timeout.
  [[nodiscard]] std::chrono::nanoseconds read_timeout() const { return latency + io_timeout; }
  /// Throws, naming the first failure of the run, if another task has already failed.
  void give_up_if_failed(std::uint32_t item) const;
  /// Records `what` as the run's first failure (unless one is) and returns it unchanged.
  const std::string& failed(const std::string& what) const;
};

/// A task's fetch went wrong; what() names the server and the step ("connect to 127.0.0.1:80: …").
class FetchError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// What a client got for one item: the body's length and digest (net/item.hpp).
struct FetchResult {
  std::uint64_t bytes = 0;   ///< body bytes received
  std::uint64_t digest = 0;  ///< XXH3 of the body
};

/// Resolves "host:port" (a name, an IPv4 address or a bracketed IPv6 address) into a target
/// with `size` and `latency`; throws UsageError naming `flag` when the host cannot be resolved.
FetchTarget resolve_target(const std::string& host, std::uint16_t port, std::uint64_t size,
                           std::chrono::nanoseconds latency, std::string_view flag);

}  // namespace concur::net
