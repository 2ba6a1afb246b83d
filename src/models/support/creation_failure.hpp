// When the machine refuses a model a thread, a process, a fiber or a coroutine (EAGAIN from
// pthread_create or fork, bad_alloc), the run stops and its row says how far it got. Every
// model words that the same way, so the rows read alike.
#pragma once

#include <cstddef>
#include <exception>
#include <stdexcept>
#include <string_view>

namespace concur {

/// The row's reason: "fork failed after 3,112 children: Resource temporarily unavailable".
/// `what` names the call ("fork", "thread creation"), `unit` what was made ("children").
std::runtime_error creation_failure(std::string_view what, std::size_t made, std::string_view unit,
                                    std::string_view why);

/// The same, worded from the exception the creation threw: std::system_error gives its
/// error text, std::bad_alloc "out of memory", anything else its what().
std::runtime_error creation_failure(std::string_view what, std::size_t made, std::string_view unit,
                                    const std::exception& error);

}  // namespace concur
