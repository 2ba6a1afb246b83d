// What every task of the async model shares: its event loop, where task frames come from,
// where errors go, and which variant of the model runs. Each task coroutine takes it as its
// first parameter (LoopTask allocates the frame from its arena).
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>

#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>

#include "core/bytes.hpp"
#include "models/model.hpp"
#include "models/support/fetch_deadlines.hpp"
#include "models/support/first_error.hpp"
#include "models/support/frame_arena.hpp"
#include "models/support/loop_gate.hpp"
#include "models/support/loop_task.hpp"
#include "models/support/resume.hpp"

namespace concur {

namespace asio = boost::asio;

/// The loop's executor: I/O objects bound to it directly are smaller than with any_io_executor.
using LoopExecutor = asio::io_context::executor_type;

/// What the coroutines do with work that has an awaitable form.
enum class Mode {
  awaiting,  ///< co_await timers and reads; compute on the loop (the plain async model)
  blocking,  ///< call the blocking form of everything inside the coroutine (the pitfall)
  offload,   ///< like awaiting, but move computations to a thread pool
};

/// One run's event loop and what its tasks share.
struct Loop {
  RunContext& ctx;              ///< the run: work, outcomes, records
  LoopExecutor executor;        ///< the io_context every task waits on
  Mode mode = Mode::awaiting;   ///< which variant of the model
  asio::thread_pool* pool;      ///< where offloaded computations go; null unless Mode::offload
  bool blocking_files = false;  ///< read files with read() on the loop (the pitfall, or no io_uring)
  FrameArena frames{};          ///< every task's coroutine frame
  LoopGate<LoopExecutor> reads{executor, kAsyncReadsInFlight};  ///< bounds the file reads in flight
  FetchDeadlines fetches{executor};                             ///< the timeouts of the net tasks' steps
  FirstError error{};                                           ///< the first exception any task caught
};

/// Measured on a 2-core Debian 12 machine: a waiting coroutine (its frame with its timer and
/// the timer's pending wait, and its entry in the loop's timer heap) takes 240 bytes; doubled,
/// as estimates must err on the safe side.
inline constexpr std::uint64_t kResidentPerCoroutine = 512;

/// The loop's own descriptors: epoll, its eventfds, the io_uring ring, a timerfd.
inline constexpr std::int64_t kLoopDescriptors = 5;

/// What every async variant asks of the machine: a coroutine frame per task, on one thread; the
/// loop's own descriptors, and at most kAsyncReadsInFlight files open at once.
inline Footprint loop_footprint(std::int64_t tasks, std::int64_t /*workers*/) {
  const auto bytes = static_cast<std::uint64_t>(tasks) * kResidentPerCoroutine;
  return Footprint{.descriptors = kLoopDescriptors,
                   .files_open = std::min(tasks, static_cast<std::int64_t>(kAsyncReadsInFlight)),
                   .resident_bytes = bytes,
                   .reserved_bytes = bytes};
}

}  // namespace concur
