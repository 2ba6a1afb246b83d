#include "net/connection.hpp"

#include <array>
#include <cstring>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/experimental/parallel_group.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/serializer.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/optional.hpp>

#include "net/as_tuple.hpp"
#include "net/item.hpp"

namespace concur::net {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::ip::tcp;
using Clock = std::chrono::steady_clock;

// What an operation raced against a deadline came to.
struct Transfer {
  boost::system::error_code ec;  // asio::error::timed_out when the deadline came first
  std::size_t bytes = 0;
};

// The body of an item: Beast's serializer asks for it piece by piece, and each piece is a view
// into the one pattern every body is cut from (net/item.hpp), so nothing is generated or copied.
struct ItemBody {
  struct value_type {
    std::uint64_t item = 0;
    std::uint64_t size = 0;
  };

  static std::uint64_t size(const value_type& body) { return body.size; }

  class writer {
   public:
    using const_buffers_type = asio::const_buffer;

    template <bool isRequest, class Fields>
    writer(const http::header<isRequest, Fields>&, const value_type& body) : body_(body) {}

    void init(beast::error_code& ec) { ec = {}; }

    boost::optional<std::pair<const_buffers_type, bool>> get(beast::error_code& ec) {
      ec = {};
      if (offset_ >= body_.size) return boost::none;
      const auto piece = item_piece(body_.item, offset_, body_.size - offset_);
      offset_ += piece.size();
      return std::make_pair(asio::const_buffer(piece.data(), piece.size()), offset_ < body_.size);
    }

   private:
    value_type body_;
    std::uint64_t offset_ = 0;
  };
};

// Counts a connection as open for exactly as long as its coroutine lives.
class Open {
 public:
  explicit Open(ServerCounters& counters) : counters_(counters) { ++counters_.open; }
  ~Open() { --counters_.open; }
  Open(const Open&) = delete;
  Open& operator=(const Open&) = delete;

 private:
  ServerCounters& counters_;
};

class Connection {
 public:
  Connection(tcp::socket socket, const ServerOptions& options, ServerCounters& counters)
      : socket_(std::move(socket)), options_(options), counters_(counters) {}

  asio::awaitable<void> run() {
    const Open open(counters_);
    std::array<std::byte, 4096> buffer{};
    std::size_t kept = 0;  // bytes at the front of buffer that belong to the next request
    Clock::time_point idle_since = Clock::now();
    while (true) {
      RequestReader reader(options_.request);
      Clock::time_point first_byte{};
      const auto feed = [&](std::size_t n) {
        if (!reader.started()) first_byte = Clock::now();
        const std::size_t taken = reader.put(std::span(buffer.data(), n));
        kept = n - taken;
        std::memmove(buffer.data(), buffer.data() + taken, kept);
      };
      if (kept > 0) feed(kept);
      while (reader.state() == RequestReader::State::reading) {
        const auto deadline =
            reader.started() ? first_byte + options_.header_timeout : idle_since + options_.idle_timeout;
        const Transfer got = co_await before(
            deadline,
            socket_.async_read_some(asio::buffer(buffer.data() + kept, buffer.size() - kept), asio::deferred));
        if (got.ec) {
          // A request begun and not finished in time is told so; an idle connection just closes.
          if (got.ec == asio::error::timed_out && reader.started()) {
            // A named value, not a temporary in the co_await: g++ 12 destroys such temporaries twice.
            Refusal late{.status = 408, .reason = "the request was not complete in time"};
            co_await refuse(std::move(late));
          }
          co_return;
        }
        feed(kept + got.bytes);
      }
      if (reader.state() == RequestReader::State::refused) {
        Refusal refusal = reader.refusal();
        co_await refuse(std::move(refusal));
        co_return;
      }
      const ItemRequest request = reader.request();
      if (request.latency.count() > 0) {
        asio::steady_timer wait(socket_.get_executor(), request.latency);
        co_await wait.async_wait(kTuple);
      }
      if (!co_await answer(request)) co_return;
      ++counters_.totals.requests;
      if (!request.keep_alive) {
        boost::system::error_code ignored;
        socket_.shutdown(tcp::socket::shutdown_send, ignored);
        co_return;
      }
      idle_since = Clock::now();
    }
  }

  // Writes the item, a piece at a time, each piece within the write timeout. False when the
  // client went away or stopped reading.
  asio::awaitable<bool> answer(ItemRequest request) {
    http::response<ItemBody> response{http::status::ok, request.version};
    response.set(http::field::server, "concur-demo");
    response.set(http::field::content_type, "application/octet-stream");
    response.body() = ItemBody::value_type{.item = request.item, .size = request.size};
    response.prepare_payload();
    response.keep_alive(request.keep_alive);
    http::response_serializer<ItemBody> serializer(response);
    if (request.head) serializer.split(true);
    while (request.head ? !serializer.is_header_done() : !serializer.is_done()) {
      const Transfer sent = co_await before(Clock::now() + options_.write_timeout,
                                            http::async_write_some(socket_, serializer, asio::deferred));
      counters_.totals.bytes_sent += sent.bytes;
      if (sent.ec) co_return false;
    }
    co_return true;
  }

  // Answers a refusal and closes: the response first, then a short lingering read, so that a
  // client still sending (a body, the rest of a long header) reads the answer instead of a reset.
  asio::awaitable<void> refuse(Refusal refusal) {
    ++counters_.totals.refused;
    http::response<http::string_body> response{static_cast<http::status>(refusal.status), 11};
    response.set(http::field::server, "concur-demo");
    response.set(http::field::content_type, "text/plain; charset=utf-8");
    if (refusal.status == 405) response.set(http::field::allow, "GET, HEAD");
    response.body() = refusal.reason + "\r\n";
    response.keep_alive(false);
    response.prepare_payload();
    const auto write_by =
        Clock::now() + std::min<std::chrono::nanoseconds>(options_.write_timeout, std::chrono::seconds(5));
    const Transfer sent = co_await before(write_by, http::async_write(socket_, response, asio::deferred));
    counters_.totals.bytes_sent += sent.bytes;
    if (sent.ec) co_return;
    boost::system::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_send, ignored);
    std::array<std::byte, 1024> sink{};
    const auto linger_until = Clock::now() + std::chrono::seconds(1);
    for (std::size_t drained = 0; drained < std::size_t{64} * 1024;) {
      const Transfer got = co_await before(linger_until, socket_.async_read_some(asio::buffer(sink), asio::deferred));
      if (got.ec) break;
      drained += got.bytes;
    }
  }

  // Runs `operation` (a deferred socket operation) unless `deadline` comes first; then the
  // operation is cancelled and the socket stays open, so that a 408 can still be written.
  template <typename Operation>
  asio::awaitable<Transfer> before(Clock::time_point deadline, Operation operation) {
    asio::steady_timer timer(socket_.get_executor(), deadline);
    auto [order, ec, n, timer_ec] =
        co_await asio::experimental::make_parallel_group(std::move(operation), timer.async_wait(asio::deferred))
            .async_wait(asio::experimental::wait_for_one(), asio::use_awaitable);
    (void)timer_ec;
    if (order[0] == 1) co_return Transfer{.ec = asio::error::timed_out, .bytes = 0};
    co_return Transfer{.ec = ec, .bytes = n};
  }

  tcp::socket socket_;
  const ServerOptions& options_;
  ServerCounters& counters_;
};

}  // namespace

asio::awaitable<void> serve_connection(tcp::socket socket, const ServerOptions& options, ServerCounters& counters) {
  Connection connection(std::move(socket), options, counters);
  co_await connection.run();
}

}  // namespace concur::net
