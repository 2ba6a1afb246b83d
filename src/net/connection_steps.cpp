#include "net/connection_steps.hpp"

#include <netinet/in.h>
#include <sys/socket.h>

#include <cerrno>
#include <memory>
#include <span>

#include <fmt/format.h>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/experimental/parallel_group.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/write.hpp>

#include "core/parse.hpp"

namespace concur::net {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::ip::tcp;

constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

// Bytes one read takes. Shared by every connection a thread serves: read_available() hands the
// bytes on before it returns, so no connection needs a buffer of its own while it waits, and the
// buffer can be large: a loopback segment (64 KiB) in one read, fewer waits and system calls.
constexpr std::size_t kReadBytes = std::size_t{64} * 1024;
// The bytes are on the heap, not in thread-local storage: static TLS is carved out of the stack
// of every thread the program starts, whatever the thread runs (a 64 KiB stack would be all TLS).
std::span<std::byte> shared_buffer() {
  thread_local const std::unique_ptr<std::byte[]> buffer = std::make_unique_for_overwrite<std::byte[]>(kReadBytes);
  return {buffer.get(), kReadBytes};
}

tcp::endpoint endpoint_of(const FetchTarget& target) {
  tcp::endpoint e;
  std::memcpy(e.data(), &target.address, target.address_length);
  e.resize(target.address_length);
  return e;
}

}  // namespace

ConnectionSteps::ConnectionSteps(const asio::any_io_executor& executor, const FetchTarget& target, std::uint32_t item,
                                 std::size_t index)
    : stream_(executor), target_(target), item_(item), index_(index) {}

ConnectionSteps::~ConnectionSteps() {
  boost::system::error_code ignored;
  stream_.socket().close(ignored);
}

void ConnectionSteps::fail(const std::string& step, const boost::system::error_code& ec) const {
  if (ec == beast::error::timeout || ec == asio::error::timed_out)
    throw FetchError(target_.failed(fmt::format("item {}: {} {} within the timeout", item_, step, target_.authority)));
  throw FetchError(target_.failed(fmt::format("item {}: {} {}: {}", item_, step, target_.authority, ec.message())));
}

asio::awaitable<void> ConnectionSteps::connect() {
  target_.give_up_if_failed(item_);
  const tcp::endpoint server = endpoint_of(target_);
  if (const std::string source = target_.source_for(index_); !source.empty()) {
    // Another loopback source address, with ephemeral ports of its own; the port is picked at
    // connect(), where the kernel knows the destination (IP_BIND_ADDRESS_NO_PORT).
    boost::system::error_code ec;
    stream_.socket().open(server.protocol(), ec);
    const int on = 1;
    if (!ec) ::setsockopt(stream_.socket().native_handle(), IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &on, sizeof on);
    if (!ec) stream_.socket().bind(tcp::endpoint(asio::ip::make_address_v4(source), 0), ec);
    if (ec) fail(fmt::format("cannot bind {} to reach", source), ec);
  }
  stream_.expires_after(target_.connect_timeout);
  auto [ec] = co_await stream_.async_connect(server, kTuple);
  if (ec == beast::error::timeout)
    throw FetchError(target_.failed(fmt::format("item {}: no connection to {} within {}", item_, target_.authority,
                                                format_duration(target_.connect_timeout))));
  if (ec) fail("cannot connect to", ec);
}

asio::awaitable<void> ConnectionSteps::send_request() {
  http::request<http::empty_body> request{http::verb::get, target_.path(item_), 11};
  request.set(http::field::host, target_.authority);
  request.set(http::field::user_agent, "concur-demo");
  request.keep_alive(false);
  stream_.expires_after(target_.io_timeout);
  auto [ec, n] = co_await http::async_write(stream_, request, kTuple);
  if (ec) fail("cannot send the request to", ec);
}

asio::awaitable<void> ConnectionSteps::readable() {
  stream_.expires_never();
  // The socket's readiness, raced against the read timeout: whichever comes first cancels the other.
  asio::steady_timer deadline(stream_.get_executor(), target_.read_timeout());
  auto [order, ec, timer_ec] =
      co_await asio::experimental::make_parallel_group(
          stream_.socket().async_wait(tcp::socket::wait_read, asio::deferred), deadline.async_wait(asio::deferred))
          .async_wait(asio::experimental::wait_for_one(), asio::use_awaitable);
  (void)timer_ec;
  if (order[0] == 1)
    throw FetchError(target_.failed(fmt::format("item {}: no answer from {} within {}", item_, target_.authority,
                                                format_duration(target_.read_timeout()))));
  if (ec) fail("lost the connection to", ec);
}

void ConnectionSteps::read_available() {
  if (!reader_) reader_.emplace(target_, item_);
  // recv with MSG_DONTWAIT, not Asio's read_some: that one waits (poll) on a socket not marked
  // non-blocking, and marking it costs a system call per fetch.
  const int fd = stream_.socket().native_handle();
  while (!reader_->done()) {
    const std::span<std::byte> buffer = shared_buffer();
    const ssize_t n = ::recv(fd, buffer.data(), buffer.size(), MSG_DONTWAIT);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
    if (n < 0) fail("lost the connection to", boost::system::error_code(errno, boost::system::system_category()));
    if (n == 0) {
      reader_->put_eof();
      return;
    }
    reader_->put(buffer.first(static_cast<std::size_t>(n)));
  }
}

}  // namespace concur::net
