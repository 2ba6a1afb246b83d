// What every client does with its socket, whatever waits for it (a blocking call, an event
// loop, a fiber): connect from the task's source address, name the step that failed, and hand
// what has arrived to the response reader. The clients differ in how they wait; these are the
// same in all of them, and the errors read the same whichever model hit them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "net/response.hpp"
#include "net/target.hpp"

namespace concur::net {

/// The steps of a fetch as its errors name them, the same in every client: "item 7: cannot
/// connect to 127.0.0.1:8080: Connection refused".
namespace step {
inline constexpr std::string_view open = "cannot open a socket to";     ///< socket()
inline constexpr std::string_view connect = "cannot connect to";        ///< the connection
inline constexpr std::string_view send = "cannot send the request to";  ///< the request
inline constexpr std::string_view answer = "lost the connection to";    ///< reading the answer
}  // namespace step

/// Binds socket `fd` to task `index`'s loopback source address when `target` spreads its
/// connections over several (each has ephemeral ports of its own; the port is chosen at
/// connect(), where the kernel knows the destination). Throws FetchError.
void bind_source(int fd, const FetchTarget& target, std::uint32_t item, std::size_t index);

/// The error for item `item`'s `step` ("cannot connect to") failing for `why`, recorded as the
/// run's first failure unless one is: "item 7: cannot connect to 127.0.0.1:8080: refused".
FetchError step_failed(const FetchTarget& target, std::uint32_t item, std::string_view step, std::string_view why);

/// The error for item `item`'s `step` ("cannot send the request to") not done within its timeout.
FetchError step_timed_out(const FetchTarget& target, std::uint32_t item, std::string_view step);

/// The error for a connection not made within the target's connect timeout.
FetchError connect_timed_out(const FetchTarget& target, std::uint32_t item);

/// The error for an answer that did not come within the target's read timeout.
FetchError answer_timed_out(const FetchTarget& target, std::uint32_t item);

/// Reads what has arrived on `fd`, without waiting, into `buffer` and hands it to `reader`,
/// until nothing more has arrived or the response is whole (the end of the stream included).
/// Throws FetchError for a broken connection or a bad response.
void read_available(int fd, std::span<std::byte> buffer, ResponseReader& reader, const FetchTarget& target,
                    std::uint32_t item);

}  // namespace concur::net
