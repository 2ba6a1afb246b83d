// What /proc says about a measured run at one instant, for the live view: whether a thread is on
// a CPU (or waiting for one) right now, and how much CPU time a process has used so far. Read
// from outside, by the tool: the measured process does nothing for it.
#pragma once

#include <cstdint>
#include <optional>

namespace concur {

/// Whether thread `tid` of process `pid` is running or runnable now (state R); empty when it
/// is gone or cannot be read.
std::optional<bool> thread_running(std::int32_t pid, std::int32_t tid);

/// CPU time (user + system) of process `pid`, all its threads and the children it has reaped,
/// in seconds; empty when it is gone.
std::optional<double> process_cpu_seconds(std::int32_t pid);

}  // namespace concur
