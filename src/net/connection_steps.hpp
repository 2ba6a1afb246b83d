// One fetch's connection as steps that wait without blocking a thread: connect, send the
// request, wait until the answer is readable; each is an Asio awaitable on Beast's tcp_stream,
// bounded by the target's timeouts. Between the waits, read_available() takes what has arrived
// without waiting. The coroutine client (async) co_awaits the steps on its own loop; the fiber
// client has each step run on an event loop's thread and waits for it on a fiber future. Both
// give the response the same reader (net/response.hpp) as the blocking client.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

#include <span>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/message.hpp>

#include "net/response.hpp"
#include "net/target.hpp"

namespace concur::net {

/// The server's address as Asio's endpoint.
boost::asio::ip::tcp::endpoint endpoint_of(const FetchTarget& target);

/// The request for item `item` as Beast's message: GET, the Host header, one request per connection.
boost::beast::http::request<boost::beast::http::empty_body> item_request(const FetchTarget& target, std::uint32_t item);

/// The buffer a thread's connections read into, one at a time: read_available() hands the bytes
/// on before it returns, so no connection needs a buffer of its own while it waits.
std::span<std::byte> shared_read_buffer();

/// The connection of task `index` fetching `item` from `target`.
class ConnectionSteps {
 public:
  /// A closed connection whose operations run on `executor`.
  ConnectionSteps(const boost::asio::any_io_executor& executor, const FetchTarget& target, std::uint32_t item,
                  std::size_t index);
  ~ConnectionSteps();
  ConnectionSteps(const ConnectionSteps&) = delete;
  ConnectionSteps& operator=(const ConnectionSteps&) = delete;

  /// Opens the connection within the connect timeout; throws FetchError.
  boost::asio::awaitable<void> connect();
  /// Sends the request (Beast's HTTP writer) within the I/O timeout; throws FetchError.
  boost::asio::awaitable<void> send_request();
  /// Waits, holding no buffer, until bytes (or the end) can be read, within the read timeout; throws FetchError.
  boost::asio::awaitable<void> readable();
  /// Reads what has arrived, without waiting, into a buffer the calling thread shares with every
  /// connection it serves, and hands it to the response reader before anything else can run.
  /// Throws FetchError for a broken connection or a bad response.
  void read_available();
  /// Whether the whole response has arrived.
  [[nodiscard]] bool done() const { return reader_ && reader_->done(); }
  /// The body's length and digest; valid once done().
  [[nodiscard]] FetchResult result() const { return reader_->result(); }

 private:
  [[noreturn]] void fail(std::string_view what, const boost::system::error_code& ec) const;

  boost::beast::tcp_stream stream_;
  const FetchTarget& target_;
  std::uint32_t item_;
  std::size_t index_;
  std::optional<ResponseReader> reader_;  // made when the first bytes arrive, not while waiting
};

}  // namespace concur::net
