// The net task's coroutine form, for the async model: every step of the fetch (connect, send,
// wait for the answer) is a co_await on the loop's thread, which meanwhile runs the other
// tasks' coroutines. Between steps the task runs; during them its CPU time pauses.
#pragma once

#include <cstddef>

#include <boost/asio/awaitable.hpp>

#include "models/model.hpp"

namespace concur {

/// Fetches task `index`'s item (`work`) as a coroutine on the calling coroutine's executor.
boost::asio::awaitable<Outcome> fetch_async(RunContext& ctx, std::size_t index, const FetchWork& work);

}  // namespace concur
