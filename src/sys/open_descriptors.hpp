// File descriptors a process holds, read from /proc/self/fd. A model must give back every
// descriptor it opens (files, pipes, io_uring rings, eventfds); the measuring process compares
// the set before and after a run, so a leak shows as a failed row instead of going unseen.
#pragma once

#include <string>
#include <vector>

namespace concur {

/// The descriptors open in this process now, sorted (the one used to list them excluded).
std::vector<int> open_descriptors();

/// Empty when `now` holds nothing that `before` did not; else one line naming the new
/// descriptors and what they point at ("2 left open: 7 -> /tmp/x, 8 -> anon_inode:[eventfd]").
std::string descriptors_left_open(const std::vector<int>& before, const std::vector<int>& now);

}  // namespace concur
