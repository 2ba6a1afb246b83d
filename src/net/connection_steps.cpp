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

#include "net/as_tuple.hpp"
#include "net/client_socket.hpp"

namespace concur::net {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::ip::tcp;

// Bytes one read takes. Shared by every connection a thread serves, so it can be large: a
// loopback segment (64 KiB) and the head before it in one read, fewer waits and system calls.
constexpr std::size_t kReadBytes = std::size_t{128} * 1024;

}  // namespace

std::span<std::byte> shared_read_buffer() {
  // On the heap, not in thread-local storage: static TLS is carved out of the stack of every
  // thread the program starts, whatever the thread runs (a 64 KiB stack would be all TLS).
  thread_local const std::unique_ptr<std::byte[]> buffer = std::make_unique_for_overwrite<std::byte[]>(kReadBytes);
  return {buffer.get(), kReadBytes};
}

tcp::endpoint endpoint_of(const FetchTarget& target) {
  tcp::endpoint e;
  std::memcpy(e.data(), &target.address, target.address_length);
  e.resize(target.address_length);
  return e;
}

http::request<http::empty_body> item_request(const FetchTarget& target, std::uint32_t item) {
  http::request<http::empty_body> request{http::verb::get, target.path(item), 11};
  request.set(http::field::host, target.authority);
  request.set(http::field::user_agent, "concur-demo");
  request.keep_alive(false);
  return request;
}

ConnectionSteps::ConnectionSteps(const asio::any_io_executor& executor, const FetchTarget& target, std::uint32_t item,
                                 std::size_t index)
    : stream_(executor), target_(target), item_(item), index_(index) {}

ConnectionSteps::~ConnectionSteps() {
  boost::system::error_code ignored;
  stream_.socket().close(ignored);
}

void ConnectionSteps::fail(std::string_view what, const boost::system::error_code& ec) const {
  if (ec == beast::error::timeout || ec == asio::error::timed_out) throw step_timed_out(target_, item_, what);
  throw step_failed(target_, item_, what, ec.message());
}

asio::awaitable<void> ConnectionSteps::connect() {
  target_.give_up_if_failed(item_);
  const tcp::endpoint server = endpoint_of(target_);
  boost::system::error_code ec;
  stream_.socket().open(server.protocol(), ec);
  if (ec) fail(step::open, ec);
  bind_source(stream_.socket().native_handle(), target_, item_, index_);
  stream_.expires_after(target_.connect_timeout);
  std::tie(ec) = co_await stream_.async_connect(server, kTuple);
  if (ec == beast::error::timeout) throw connect_timed_out(target_, item_);
  if (ec) fail(step::connect, ec);
}

asio::awaitable<void> ConnectionSteps::send_request() {
  const http::request<http::empty_body> request = item_request(target_, item_);
  stream_.expires_after(target_.io_timeout);
  auto [ec, n] = co_await http::async_write(stream_, request, kTuple);
  if (ec) fail(step::send, ec);
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
  if (order[0] == 1) throw answer_timed_out(target_, item_);
  if (ec) fail(step::answer, ec);
}

void ConnectionSteps::read_available() {
  if (!reader_) reader_.emplace(target_, item_);
  net::read_available(stream_.socket().native_handle(), shared_read_buffer(), *reader_, target_, item_);
}

}  // namespace concur::net
