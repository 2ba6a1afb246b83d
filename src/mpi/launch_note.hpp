// The note under the table for one run of the mpi model: where the ranks ran, its time split
// into launch (mpirun starting to every rank ready), work (the row's wall time) and shutdown,
// and the bytes that moved.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "mpi/job.hpp"

namespace concur {

/// The moments of one launch, on the measuring process's clock.
struct LaunchTimes {
  std::chrono::steady_clock::time_point started;     ///< mpirun forked
  std::chrono::steady_clock::time_point ready;       ///< rank 0 said every rank is ready
  std::chrono::steady_clock::time_point results_in;  ///< the gathered results arrived
  std::chrono::steady_clock::time_point ended;       ///< mpirun exited
};

/// One line: "2 ranks on vm · launch 412 ms (…) + work 1.20 s (the row's wall time) + shutdown
/// 35 ms (…) · moved between ranks: …", then each of `remarks`.
std::string launch_note(const LaunchTimes& times, const RunReport& report, std::uint64_t handed_bytes,
                        const std::vector<std::string>& remarks);

}  // namespace concur
