#include "net/server.hpp"

#include <sys/resource.h>

#include <array>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <optional>

#include <fmt/format.h>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/experimental/parallel_group.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/serializer.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/optional.hpp>

#include "core/usage_error.hpp"
#include "net/item.hpp"

namespace concur::net {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::ip::tcp;
using Clock = std::chrono::steady_clock;

constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

// What an operation raced against a deadline came to.
struct Transfer {
  boost::system::error_code ec;  // asio::error::timed_out when the deadline came first
  std::size_t bytes = 0;
};

// Descriptors the server keeps besides its connections: standard streams, the listening socket,
// the event loop's epoll, eventfd and timerfd, the signal pipe, and a margin.
constexpr std::int64_t kReservedDescriptors = 32;

// A connection that passed the cap is told so in one write and closed: it must not cost a
// coroutine, a buffer or a timer, or a flood of them would take what the cap protects.
constexpr std::string_view kBusy =
    "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nContent-Length: 34\r\n"
    "Retry-After: 1\r\nConnection: close\r\n\r\nserver at its cap of connections\r\n";

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

std::string human_bytes(std::uint64_t bytes) {
  constexpr std::array<const char*, 5> kUnits{"B", "KiB", "MiB", "GiB", "TiB"};
  auto value = static_cast<double>(bytes);
  std::size_t unit = 0;
  while (value >= 1024 && unit + 1 < kUnits.size()) {
    value /= 1024;
    ++unit;
  }
  return unit == 0 ? fmt::format("{} B", bytes) : fmt::format("{:.1f} {}", value, kUnits[unit]);
}

std::string clock_time() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  ::localtime_r(&now, &local);
  std::array<char, 16> text{};
  std::strftime(text.data(), text.size(), "%H:%M:%S", &local);
  return text.data();
}

class Server {
 public:
  Server(const ServerOptions& options, std::int64_t cap)
      : options_(options), cap_(cap), io_(1), acceptor_(io_), signals_(io_, SIGINT, SIGTERM, SIGHUP) {}
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;
  ~Server() = default;

  void listen(const tcp::endpoint& where) {
    boost::system::error_code ec;
    acceptor_.open(where.protocol(), ec);
    if (!ec) acceptor_.set_option(tcp::acceptor::reuse_address(true), ec);
    if (!ec) acceptor_.bind(where, ec);
    // The kernel caps the backlog at net.core.somaxconn; asking for the most lets it decide.
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
      const std::string hint = ec.value() == EADDRINUSE      ? " (choose another --port, or 0 for any free one)"
                               : ec.value() == EACCES        ? " (ports below 1024 need root; choose another)"
                               : ec.value() == EADDRNOTAVAIL ? " (that address is not on this machine)"
                                                             : "";
      throw UsageError(
          fmt::format("cannot listen on {}:{}: {}{}", where.address().to_string(), where.port(), ec.message(), hint));
    }
  }

  [[nodiscard]] tcp::endpoint local() const { return acceptor_.local_endpoint(); }

  // Serves until SIGINT, SIGTERM or SIGHUP; `listening` is told the address once it listens.
  void run(const Listening& listening) {
    signals_.async_wait([this](const boost::system::error_code& ec, int) {
      if (!ec) stop();
    });
    asio::co_spawn(io_, accept_loop(), [](const std::exception_ptr&) {});
    if (options_.status_lines) asio::co_spawn(io_, status_loop(), [](const std::exception_ptr&) {});
    if (listening) listening(local().address().to_string(), local().port());
    io_.run();
  }

  void stop() {
    boost::system::error_code ignored;
    acceptor_.close(ignored);
    io_.stop();
  }

  [[nodiscard]] const ServerTotals& totals() const { return totals_; }

 private:
  // Counts a connection as open for exactly as long as its coroutine lives.
  struct Open {
    explicit Open(Server& s) : server(s) { ++server.open_; }
    ~Open() { --server.open_; }
    Open(const Open&) = delete;
    Open& operator=(const Open&) = delete;
    Server& server;
  };

  asio::awaitable<void> accept_loop() {
    asio::steady_timer pause(io_);
    while (acceptor_.is_open()) {
      auto [ec, socket] = co_await acceptor_.async_accept(kTuple);
      if (ec == asio::error::operation_aborted || !acceptor_.is_open()) co_return;
      if (ec) {
        // Out of descriptors or memory: accepting again at once would spin on the same error.
        // Pause, so the connections that are open can finish and free what they hold.
        pause.expires_after(std::chrono::milliseconds(50));
        co_await pause.async_wait(kTuple);
        continue;
      }
      ++totals_.connections;
      if (open_ >= cap_) {
        refuse_busy(socket);
        continue;
      }
      asio::co_spawn(io_, session(std::move(socket)), [](const std::exception_ptr&) {});
    }
  }

  void refuse_busy(tcp::socket& socket) {
    ++totals_.refused;
    boost::system::error_code ignored;
    socket.non_blocking(true, ignored);
    totals_.bytes_sent += socket.write_some(asio::buffer(kBusy), ignored);
    socket.shutdown(tcp::socket::shutdown_send, ignored);
    socket.close(ignored);
  }

  // Runs `operation` (a deferred socket operation) unless `deadline` comes first; then the
  // operation is cancelled and the socket stays open, so that a 408 can still be written.
  template <typename Operation>
  asio::awaitable<Transfer> before(Clock::time_point deadline, Operation operation) {
    asio::steady_timer timer(io_, deadline);
    auto [order, ec, n, timer_ec] =
        co_await asio::experimental::make_parallel_group(std::move(operation), timer.async_wait(asio::deferred))
            .async_wait(asio::experimental::wait_for_one(), asio::use_awaitable);
    (void)timer_ec;
    if (order[0] == 1) co_return Transfer{.ec = asio::error::timed_out, .bytes = 0};
    co_return Transfer{.ec = ec, .bytes = n};
  }

  asio::awaitable<void> session(tcp::socket socket) {
    const Open open(*this);
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
            deadline, socket.async_read_some(asio::buffer(buffer.data() + kept, buffer.size() - kept), asio::deferred));
        if (got.ec) {
          // A request begun and not finished in time is told so; an idle connection just closes.
          if (got.ec == asio::error::timed_out && reader.started()) {
            // A named value, not a temporary in the co_await: g++ 12 destroys such temporaries twice.
            Refusal late{.status = 408, .reason = "the request was not complete in time"};
            co_await refuse(socket, std::move(late));
          }
          co_return;
        }
        feed(kept + got.bytes);
      }
      if (reader.state() == RequestReader::State::refused) {
        Refusal refusal = reader.refusal();
        co_await refuse(socket, std::move(refusal));
        co_return;
      }
      const ItemRequest request = reader.request();
      if (request.latency.count() > 0) {
        asio::steady_timer wait(io_, request.latency);
        co_await wait.async_wait(kTuple);
      }
      if (!co_await answer(socket, request)) co_return;
      ++totals_.requests;
      if (!request.keep_alive) {
        boost::system::error_code ignored;
        socket.shutdown(tcp::socket::shutdown_send, ignored);
        co_return;
      }
      idle_since = Clock::now();
    }
  }

  // Writes the item, a piece at a time, each piece within the write timeout. False when the
  // client went away or stopped reading.
  asio::awaitable<bool> answer(tcp::socket& socket, ItemRequest request) {
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
                                            http::async_write_some(socket, serializer, asio::deferred));
      totals_.bytes_sent += sent.bytes;
      if (sent.ec) co_return false;
    }
    co_return true;
  }

  // Answers a refusal and closes: the response first, then a short lingering read, so that a
  // client still sending (a body, the rest of a long header) reads the answer instead of a reset.
  asio::awaitable<void> refuse(tcp::socket& socket, Refusal refusal) {
    ++totals_.refused;
    http::response<http::string_body> response{static_cast<http::status>(refusal.status), 11};
    response.set(http::field::server, "concur-demo");
    response.set(http::field::content_type, "text/plain; charset=utf-8");
    if (refusal.status == 405) response.set(http::field::allow, "GET, HEAD");
    response.body() = refusal.reason + "\r\n";
    response.keep_alive(false);
    response.prepare_payload();
    const auto write_by =
        Clock::now() + std::min<std::chrono::nanoseconds>(options_.write_timeout, std::chrono::seconds(5));
    const Transfer sent = co_await before(write_by, http::async_write(socket, response, asio::deferred));
    totals_.bytes_sent += sent.bytes;
    if (sent.ec) co_return;
    boost::system::error_code ignored;
    socket.shutdown(tcp::socket::shutdown_send, ignored);
    std::array<std::byte, 1024> sink{};
    const auto linger_until = Clock::now() + std::chrono::seconds(1);
    for (std::size_t drained = 0; drained < 64 * 1024;) {
      const Transfer got = co_await before(linger_until, socket.async_read_some(asio::buffer(sink), asio::deferred));
      if (got.ec) break;
      drained += got.bytes;
    }
  }

  asio::awaitable<void> status_loop() {
    asio::steady_timer tick(io_);
    auto next = Clock::now();
    while (acceptor_.is_open()) {
      next += std::chrono::seconds(1);
      tick.expires_at(next);
      co_await tick.async_wait(kTuple);
      fmt::print("{}  open {:>5}  served {:>9}  refused {:>6}  sent {:>10}\n", clock_time(), open_, totals_.requests,
                 totals_.refused, human_bytes(totals_.bytes_sent));
      std::fflush(stdout);
    }
  }

  // Declared before the loop: destroying the loop destroys the coroutines it still holds, and
  // their last act is to count their connection closed.
  std::int64_t open_ = 0;
  ServerTotals totals_;
  const ServerOptions& options_;
  std::int64_t cap_;
  asio::io_context io_;  // one thread runs the loop (concurrency hint 1): no locking inside Asio
  tcp::acceptor acceptor_;
  asio::signal_set signals_;
};

asio::ip::address parse_bind(const std::string& text) {
  if (text == "localhost") return asio::ip::address_v4::loopback();
  boost::system::error_code ec;
  auto address = asio::ip::make_address(text, ec);
  if (ec)
    throw UsageError(
        fmt::format("invalid --bind '{}': give an IP address of this machine, such as 127.0.0.1, "
                    "0.0.0.0 (every interface) or ::",
                    text));
  return address;
}

}  // namespace

std::uint64_t raise_open_file_limit() {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return 1024;
  if (limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &limit);
  }
  return limit.rlim_cur == RLIM_INFINITY ? std::uint64_t{1} << 20 : limit.rlim_cur;
}

std::int64_t default_max_connections() {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return 1024 - kReservedDescriptors;
  const std::uint64_t most = limit.rlim_max == RLIM_INFINITY ? std::uint64_t{1} << 20 : limit.rlim_max;
  return std::max<std::int64_t>(1, static_cast<std::int64_t>(most) - kReservedDescriptors);
}

ServerTotals run_server(const ServerOptions& options, const Listening& listening) {
  const auto usable = static_cast<std::int64_t>(raise_open_file_limit()) - kReservedDescriptors;
  const std::int64_t cap = options.max_connections > 0 ? options.max_connections : default_max_connections();
  if (cap > usable)
    throw UsageError(
        fmt::format("--max-connections {} is more than this process may open: the open-file limit "
                    "(ulimit -n) leaves room for {}",
                    cap, std::max<std::int64_t>(0, usable)));
  Server server(options, cap);
  server.listen(tcp::endpoint(parse_bind(options.bind), options.port));
  server.run(listening);
  return server.totals();
}

}  // namespace concur::net
