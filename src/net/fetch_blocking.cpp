#include "net/fetch_blocking.hpp"

#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

#include "net/client_socket.hpp"
#include "net/response.hpp"

namespace concur::net {
namespace {

// Bytes each read asks for; on the stack of the task's thread, as in any blocking client.
constexpr std::size_t kReadBytes = std::size_t{16} * 1024;

class Socket {
 public:
  explicit Socket(int fd) : fd_(fd) {}
  ~Socket() {
    if (fd_ >= 0) ::close(fd_);
  }
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  [[nodiscard]] int fd() const { return fd_; }

 private:
  int fd_;
};

timeval as_timeval(std::chrono::nanoseconds d) {
  const auto us = std::chrono::duration_cast<std::chrono::microseconds>(d).count();
  return timeval{.tv_sec = us / 1'000'000, .tv_usec = us % 1'000'000};
}

FetchError failure(const FetchTarget& target, std::uint32_t item, std::string_view step, int err) {
  return step_failed(target, item, step, std::strerror(err));
}

// Connects `fd` (non-blocking) to the target within the connect timeout, from task `index`'s
// source address if sources are spread.
void connect_within_timeout(const FetchTarget& target, int fd, std::uint32_t item, std::size_t index) {
  bind_source(fd, target, item, index);
  // connect() on a non-blocking socket, then poll with the timeout: a blocking connect would
  // wait as long as the kernel keeps retrying (minutes) on a server that drops packets.
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&target.address), target.address_length) == 0) return;
  if (errno != EINPROGRESS) throw failure(target, item, step::connect, errno);
  pollfd p{.fd = fd, .events = POLLOUT, .revents = 0};
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(target.connect_timeout).count();
  int ready = 0;
  while ((ready = ::poll(&p, 1, static_cast<int>(ms))) < 0 && errno == EINTR) {
  }
  if (ready == 0) throw connect_timed_out(target, item);
  int err = 0;
  socklen_t len = sizeof err;
  ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
  if (err != 0) throw failure(target, item, step::connect, err);
}

}  // namespace

FetchResult fetch_blocking(const FetchTarget& target, std::uint32_t item, std::size_t index) {
  target.give_up_if_failed(item);
  const auto fail = [&](std::string_view step, int err) { return failure(target, item, step, err); };
  const Socket socket(::socket(target.address.ss_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
  if (socket.fd() < 0) throw fail(step::open, errno);
  connect_within_timeout(target, socket.fd(), item, index);
  // Blocking from here on, each call bounded by the kernel's socket timeouts.
  ::fcntl(socket.fd(), F_SETFL, ::fcntl(socket.fd(), F_GETFL) & ~O_NONBLOCK);
  const timeval send_timeout = as_timeval(target.io_timeout);
  const timeval receive_timeout = as_timeval(target.read_timeout());
  ::setsockopt(socket.fd(), SOL_SOCKET, SO_SNDTIMEO, &send_timeout, sizeof send_timeout);
  ::setsockopt(socket.fd(), SOL_SOCKET, SO_RCVTIMEO, &receive_timeout, sizeof receive_timeout);

  const std::string request = target.request(item);
  for (std::size_t sent = 0; sent < request.size();) {
    const ssize_t n = ::send(socket.fd(), request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw fail(step::send, errno);
    sent += static_cast<std::size_t>(n);
  }
  ResponseReader response(target, item);
  std::array<std::byte, kReadBytes> buffer;  // uninitialised on purpose: every read overwrites it
  while (!response.done()) {
    const ssize_t n = ::recv(socket.fd(), buffer.data(), buffer.size(), 0);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) throw answer_timed_out(target, item);
    if (n < 0) throw fail(step::answer, errno);
    if (n == 0) {
      response.put_eof();
      break;
    }
    response.put(std::span(buffer.data(), static_cast<std::size_t>(n)));
  }
  return response.result();
}

}  // namespace concur::net
