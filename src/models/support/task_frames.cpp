#include "models/support/task_frames.hpp"

#include <limits.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <stdexcept>

namespace concur {
namespace {

struct FrameHeader {
  std::uint32_t task;
  std::uint32_t length;  // bytes of message that follow
};
constexpr std::size_t kFrameData = PIPE_BUF - sizeof(FrameHeader);

}  // namespace

// [[gnu::hot]]: every child of the fork model sends its result with it (run_context.cpp says why).
[[gnu::hot]] bool send_task_frames(int fd, std::size_t task, std::span<const std::byte> message) {
  while (!message.empty()) {
    const std::size_t n = std::min(message.size(), kFrameData);
    FrameHeader header{static_cast<std::uint32_t>(task), static_cast<std::uint32_t>(n)};
    iovec parts[2] = {{&header, sizeof header}, {const_cast<std::byte*>(message.data()), n}};
    ssize_t written = 0;
    do {
      written = ::writev(fd, parts, 2);
    } while (written < 0 && errno == EINTR);
    if (written != static_cast<ssize_t>(sizeof header + n)) return false;
    message = message.subspan(n);
  }
  return true;
}

void sort_task_frames(std::vector<std::byte>& stream, std::vector<std::vector<std::byte>>& messages) {
  std::size_t at = 0;
  while (stream.size() - at >= sizeof(FrameHeader)) {
    FrameHeader header;
    std::memcpy(&header, stream.data() + at, sizeof header);
    if (header.task >= messages.size() || header.length > kFrameData)
      throw std::runtime_error("garbled frame on the children's result pipe");
    if (stream.size() - at - sizeof header < header.length) break;
    const auto* data = stream.data() + at + sizeof header;
    auto& message = messages[header.task];
    message.insert(message.end(), data, data + header.length);
    at += sizeof header + header.length;
  }
  stream.erase(stream.begin(), stream.begin() + static_cast<std::ptrdiff_t>(at));
}

}  // namespace concur
