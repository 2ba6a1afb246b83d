#pragma once
// The completion token the network's coroutines await with.

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace concur::net {

/// co_await with this yields the error code beside the result instead of throwing: a refused
/// connection or a timed-out wait is an outcome the server and the client handle, not an error.
inline constexpr auto kTuple = boost::asio::as_tuple(boost::asio::use_awaitable);

}  // namespace concur::net
