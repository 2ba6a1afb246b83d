// Length-prefixed frames over a socket: how the job, the moment every rank is ready and the
// gathered results travel between the measuring process and rank 0 (see channel.hpp).
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace concur {

/// Collects frames from a non-blocking socket as their bytes arrive.
class FrameReader {
 public:
  /// Reads what `fd` has now; false at end of file. Throws std::runtime_error on a read error
  /// or a frame longer than `limit` bytes.
  bool read_from(int fd, std::size_t limit);
  /// The next whole frame, if one has arrived.
  std::optional<std::vector<std::byte>> next();

 private:
  std::vector<std::byte> buffer_;
  std::size_t limit_ = 0;
};

/// Writes one frame to a blocking or non-blocking socket (waiting as needed); false on error.
bool send_frame(int fd, std::span<const std::byte> bytes);

/// Reads one frame from a blocking socket; throws std::runtime_error at end of file or error,
/// naming `peer`, the process at the other end.
std::vector<std::byte> receive_frame(int fd, std::string_view peer = "the measuring process");

/// Waits until `fd` is ready for `events` (poll's), at most `timeout_ms` (-1: for ever); false
/// when the time ran out.
bool wait_for(int fd, short events, int timeout_ms);

}  // namespace concur
