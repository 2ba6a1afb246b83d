#include "net/server.hpp"

#include <sys/resource.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>

#include <array>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <vector>

#include <fmt/format.h>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "core/bytes_text.hpp"
#include "core/usage_error.hpp"
#include "net/as_tuple.hpp"
#include "net/connection.hpp"

namespace concur::net {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;
using Clock = std::chrono::steady_clock;

// Descriptors the server keeps besides its connections: standard streams, the listening socket,
// the event loop's epoll, eventfd and timerfd, the signal pipe, and a margin.
constexpr std::int64_t kReservedDescriptors = 32;

// Listening sockets at most: eight queues of somaxconn (4096 by default) hold 32,768 connects.
constexpr std::int64_t kMostListeners = 8;

// A connection that passed the cap is told so in one write and closed: it must not cost a
// coroutine, a buffer or a timer, or a flood of them would take what the cap protects.
constexpr std::string_view kBusy =
    "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nContent-Length: 34\r\n"
    "Retry-After: 1\r\nConnection: close\r\n\r\nserver at its cap of connections\r\n";

// The kernel's cap on one listening socket's queue of connections not yet accepted.
std::int64_t somaxconn() {
  std::int64_t n = 4096;
  std::ifstream in("/proc/sys/net/core/somaxconn");
  in >> n;
  return std::max<std::int64_t>(1, n);
}

// Listening sockets for a cap of `cap` connections: enough to queue them all, at most kMostListeners.
std::int64_t listening_sockets(std::int64_t cap) {
  return std::clamp<std::int64_t>((cap + somaxconn() - 1) / somaxconn(), 1, kMostListeners);
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
      : options_(options), cap_(cap), io_(1), signals_(io_, SIGINT, SIGTERM, SIGHUP) {}
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;
  ~Server() = default;

  // A flood of connects (ten thousand clients at once) overflows one listening socket's queue
  // (net.core.somaxconn) before the loop accepts them, and every dropped connect waits a second
  // to try again. So the server listens on enough sockets to queue the whole cap, sharing the
  // port (SO_REUSEPORT: the kernel spreads new connections over them).
  void listen(tcp::endpoint where) {
    const std::int64_t sockets = listening_sockets(cap_);
    // Sockets that share a port would also share it with another server of this user started on
    // the same port: make sure nobody listens there first.
    if (where.port() != 0) {
      tcp::acceptor probe(io_);
      open_and_bind(probe, where, false);
    }
    for (std::int64_t i = 0; i < sockets; ++i) {
      tcp::acceptor& acceptor = acceptors_.emplace_back(io_);
      open_and_bind(acceptor, where, true);
      where.port(acceptor.local_endpoint().port());  // port 0: the others join the port it got
      boost::system::error_code ec;
      // The kernel caps the backlog at net.core.somaxconn; asking for the most lets it decide.
      acceptor.listen(asio::socket_base::max_listen_connections, ec);
      if (ec) fail(where, ec);
    }
  }

  [[nodiscard]] tcp::endpoint local() const { return acceptors_.front().local_endpoint(); }

  // Serves until SIGINT, SIGTERM or SIGHUP; `listening` is told the address once it listens.
  void run(const Listening& listening) {
    signals_.async_wait([this](const boost::system::error_code& ec, int) {
      if (!ec) stop();
    });
    for (tcp::acceptor& acceptor : acceptors_)
      asio::co_spawn(io_, accept_loop(acceptor), [](const std::exception_ptr&) {});
    if (options_.status_lines) asio::co_spawn(io_, status_loop(), [](const std::exception_ptr&) {});
    if (listening) listening(local().address().to_string(), local().port());
    io_.run();
  }

  void stop() {
    boost::system::error_code ignored;
    for (tcp::acceptor& acceptor : acceptors_) acceptor.close(ignored);
    io_.stop();
  }

  [[nodiscard]] const ServerTotals& totals() const { return counters_.totals; }

 private:
  static void open_and_bind(tcp::acceptor& acceptor, const tcp::endpoint& where, bool shared) {
    boost::system::error_code ec;
    acceptor.open(where.protocol(), ec);
    if (!ec) acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
    const int on = 1;
    if (!ec && shared && ::setsockopt(acceptor.native_handle(), SOL_SOCKET, SO_REUSEPORT, &on, sizeof on) != 0)
      ec.assign(errno, boost::system::system_category());
    if (!ec) acceptor.bind(where, ec);
    if (ec) fail(where, ec);
  }

  [[noreturn]] static void fail(const tcp::endpoint& where, const boost::system::error_code& ec) {
    const std::string hint = ec.value() == EADDRINUSE      ? " (choose another --port, or 0 for any free one)"
                             : ec.value() == EACCES        ? " (ports below 1024 need root; choose another)"
                             : ec.value() == EADDRNOTAVAIL ? " (that address is not on this machine)"
                                                           : "";
    throw UsageError(
        fmt::format("cannot listen on {}:{}: {}{}", where.address().to_string(), where.port(), ec.message(), hint));
  }

  asio::awaitable<void> accept_loop(tcp::acceptor& acceptor) {
    asio::steady_timer pause(io_);
    while (acceptor.is_open()) {
      auto [ec, socket] = co_await acceptor.async_accept(kTuple);
      if (ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
      if (ec) {
        // Out of descriptors or memory: accepting again at once would spin on the same error.
        // Pause, so the connections that are open can finish and free what they hold.
        pause.expires_after(std::chrono::milliseconds(50));
        co_await pause.async_wait(kTuple);
        continue;
      }
      ++counters_.totals.connections;
      if (counters_.open >= cap_) {
        refuse_busy(socket);
        continue;
      }
      asio::co_spawn(io_, serve_connection(std::move(socket), options_, counters_), [](const std::exception_ptr&) {});
    }
  }

  void refuse_busy(tcp::socket& socket) {
    ++counters_.totals.refused;
    boost::system::error_code ignored;
    socket.non_blocking(true, ignored);
    counters_.totals.bytes_sent += socket.write_some(asio::buffer(kBusy), ignored);
    socket.shutdown(tcp::socket::shutdown_send, ignored);
    socket.close(ignored);
  }

  asio::awaitable<void> status_loop() {
    asio::steady_timer tick(io_);
    auto next = Clock::now();
    while (acceptors_.front().is_open()) {
      next += std::chrono::seconds(1);
      tick.expires_at(next);
      co_await tick.async_wait(kTuple);
      fmt::print("{}  open {:>5}  served {:>9}  refused {:>6}  sent {:>10}\n", clock_time(), counters_.open,
                 counters_.totals.requests, counters_.totals.refused, format_bytes(counters_.totals.bytes_sent));
      std::fflush(stdout);
    }
  }

  // Declared before the loop: destroying the loop destroys the coroutines it still holds, and
  // their last act is to count their connection closed.
  ServerCounters counters_;
  const ServerOptions& options_;
  std::int64_t cap_;
  asio::io_context io_;                   // one thread runs the loop (concurrency hint 1): no locking inside Asio
  std::vector<tcp::acceptor> acceptors_;  // one port, several queues (listen())
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

std::int64_t accept_queue_capacity(std::int64_t cap) { return listening_sockets(cap) * somaxconn(); }

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
