// The fork model's children share one pipe to send their results back. A write of at most
// PIPE_BUF bytes to a pipe is atomic, so a child sends its message in frames that size, each
// opened by a header naming its task, and frames of different children never interleave inside
// each other; the reader sorts them back into one message per task.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace concur {

/// Sends `message` for task `task` to the shared pipe `fd` in atomic frames; false on error.
bool send_task_frames(int fd, std::size_t task, std::span<const std::byte> message);

/// Moves every whole frame at the front of `stream` to its task's message in `messages`; a
/// partial frame stays for the next read. Throws std::runtime_error on a garbled frame.
void sort_task_frames(std::vector<std::byte>& stream, std::vector<std::vector<std::byte>>& messages);

}  // namespace concur
