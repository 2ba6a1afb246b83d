#include "mpi/frames.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string_view>

#include <fmt/format.h>

#include "core/bytes.hpp"

namespace concur {
namespace {

using namespace concur::literals;

[[noreturn]] void fail(std::string_view what) {
  throw std::runtime_error(fmt::format("{} failed: {}", what, std::strerror(errno)));
}

}  // namespace

bool wait_for(int fd, short events, int timeout_ms) {
  pollfd p{.fd = fd, .events = events, .revents = 0};
  while (true) {
    const int n = ::poll(&p, 1, timeout_ms);
    if (n < 0 && errno == EINTR) continue;
    return n > 0;
  }
}

bool FrameReader::read_from(int fd, std::size_t limit) {
  limit_ = limit;
  std::array<std::byte, 64_KiB> chunk{};
  while (true) {
    const ssize_t n = ::read(fd, chunk.data(), chunk.size());
    if (n > 0) {
      buffer_.insert(buffer_.end(), chunk.begin(), chunk.begin() + n);
      continue;
    }
    if (n == 0) return false;
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) return true;
    fail("read from rank 0");
  }
}

std::optional<std::vector<std::byte>> FrameReader::next() {
  std::uint64_t length = 0;
  if (buffer_.size() < sizeof length) return std::nullopt;
  std::memcpy(&length, buffer_.data(), sizeof length);
  if (length > limit_) throw std::runtime_error("rank 0 sent a frame larger than expected");
  if (buffer_.size() - sizeof length < length) return std::nullopt;
  const auto begin = buffer_.begin() + sizeof length;
  std::vector<std::byte> frame(begin, begin + static_cast<std::ptrdiff_t>(length));
  buffer_.erase(buffer_.begin(), begin + static_cast<std::ptrdiff_t>(length));
  return frame;
}

bool send_frame(int fd, std::span<const std::byte> bytes) {
  std::uint64_t length = bytes.size();
  // The length and the bytes in one call each time round, without copying a large frame.
  iovec parts[2] = {{&length, sizeof length}, {const_cast<std::byte*>(bytes.data()), bytes.size()}};
  std::size_t first = 0;
  while (first < 2) {
    msghdr message{};
    message.msg_iov = parts + first;
    message.msg_iovlen = 2 - first;
    const ssize_t n = ::sendmsg(fd, &message, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      wait_for(fd, POLLOUT, -1);
      continue;
    }
    if (n < 0) return false;
    auto sent = static_cast<std::size_t>(n);
    while (first < 2 && sent >= parts[first].iov_len) {
      sent -= parts[first].iov_len;
      parts[first].iov_len = 0;
      ++first;
    }
    if (first < 2) {
      parts[first].iov_base = static_cast<std::byte*>(parts[first].iov_base) + sent;
      parts[first].iov_len -= sent;
    }
  }
  return true;
}

std::vector<std::byte> receive_frame(int fd, std::string_view peer) {
  const auto read_exactly = [fd, peer](void* into, std::size_t size) {
    auto* p = static_cast<std::byte*>(into);
    while (size > 0) {
      const ssize_t n = ::read(fd, p, size);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) fail(fmt::format("read from {}", peer));
      if (n == 0) throw std::runtime_error(fmt::format("{} closed the connection", peer));
      p += n;
      size -= static_cast<std::size_t>(n);
    }
  };
  std::uint64_t length = 0;
  read_exactly(&length, sizeof length);
  std::vector<std::byte> frame(length);
  read_exactly(frame.data(), frame.size());
  return frame;
}

}  // namespace concur
