#include "sys/wire.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace concur {

bool write_all(int fd, std::span<const std::byte> bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    bytes = bytes.subspan(static_cast<std::size_t>(n));
  }
  return true;
}

bool read_available(int fd, std::vector<std::byte>& buffer) {
  // Straight into the vector's tail: a chunk buffer on the stack (64 KiB) crashed the tool under
  // a small stack limit (prlimit --stack=65536), and this way nothing is copied twice.
  constexpr std::size_t kChunk = 64 * std::size_t{1024};
  while (true) {
    const std::size_t had = buffer.size();
    buffer.resize(had + kChunk);
    const ssize_t n = ::read(fd, buffer.data() + had, kChunk);
    buffer.resize(had + static_cast<std::size_t>(std::max<ssize_t>(n, 0)));
    if (n > 0) continue;
    if (n == 0) return false;
    if (errno == EINTR) continue;
    return errno == EAGAIN || errno == EWOULDBLOCK;  // any other error ends the stream too
  }
}

}  // namespace concur
