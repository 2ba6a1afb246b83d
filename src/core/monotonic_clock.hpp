// The clock task records are read with: std::chrono::steady_clock's time points, read by an
// inline clock_gettime(CLOCK_MONOTONIC), the call libstdc++'s steady_clock::now() makes. Made
// from inside libstdc++, that call is two more pages (libstdc++'s code and its PLT) that every
// child of the fork model faults in for its first clock read; made here, it is not.
#pragma once

#include <time.h>

#include <chrono>

namespace concur {

/// Now, on std::chrono::steady_clock (CLOCK_MONOTONIC, as libstdc++ reads it on Linux).
inline std::chrono::steady_clock::time_point monotonic_now() {
  timespec t{};
  ::clock_gettime(CLOCK_MONOTONIC, &t);
  return std::chrono::steady_clock::time_point(std::chrono::seconds(t.tv_sec) + std::chrono::nanoseconds(t.tv_nsec));
}

}  // namespace concur
