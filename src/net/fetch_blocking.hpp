// The blocking client: connect, write, read, each call holding its thread until it returns.
// What sequential, thread, fork and pool do with a net task, and what async-blocking does inside
// its coroutines (the pitfall). Timeouts on every step, so a dead server fails a task instead of
// hanging it.
#pragma once

#include <cstddef>
#include <cstdint>

#include "net/target.hpp"

namespace concur::net {

/// Fetches item `item` from `target` over a new connection with blocking socket calls, as task
/// `index` of the run (which picks its source address); throws FetchError naming what failed.
FetchResult fetch_blocking(const FetchTarget& target, std::uint32_t item, std::size_t index);

}  // namespace concur::net
