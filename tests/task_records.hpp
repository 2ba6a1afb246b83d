// Hand-made task records for the timeline and trace tests: a task's span, where it ran, and how
// much of it computed, in milliseconds so that the tests read like the pictures they check.
#pragma once

#include <cstdint>

#include "core/task_record.hpp"

namespace concur::test {

/// One millisecond in the records' nanoseconds.
inline constexpr std::int64_t kMs = 1'000'000;

/// A task that ran from `start_ms` to `end_ms` on thread `tid` of process `pid`, computing for
/// `computing_share` of that span and waiting for the rest.
inline TaskRecord task(std::int64_t start_ms, std::int64_t end_ms, std::int32_t tid, double computing_share,
                       std::int32_t pid = 100) {
  TaskRecord t;
  t.start_ns = start_ms * kMs;
  t.end_ns = end_ms * kMs;
  t.pid = pid;
  t.tid = tid;
  t.end_tid = tid;
  t.cpu_ns = static_cast<std::int64_t>(computing_share * static_cast<double>(t.end_ns - t.start_ns));
  t.resumed_ns = t.start_ns;
  return t;
}

}  // namespace concur::test
