// The net task's coroutine form, for the async models: every step of the fetch (connect, send,
// wait for the answer) is a co_await on the loop's thread, which meanwhile runs the other
// tasks' coroutines. Between steps the task runs; during them its CPU time pauses.
#pragma once

#include <cstddef>
#include <cstdint>

#include <boost/asio/awaitable.hpp>

#include "models/model.hpp"

namespace concur {

struct Loop;

/// Fetches task `index`'s item (`work`) as a coroutine on the calling coroutine's executor
/// (async-cospawn awaits it directly).
boost::asio::awaitable<Outcome> fetch_async(RunContext& ctx, std::size_t index, const FetchWork& work);

/// Starts task `index` of `loop` (a FetchWork) as a plain coroutine on the loop (a LoopTask, not
/// fetch_async co_spawned: one frame per task, no timer per step); it stores its outcome, or
/// hands its error to the loop, like every other task. Every 32nd start within the run's first
/// latency also runs the loop's ready handlers (poll), so earlier fetches send their requests.
void start_fetch(Loop& loop, std::uint32_t index);

}  // namespace concur
