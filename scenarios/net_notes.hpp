// What the net scenario adds to the limit check and under its table: the limits only a network
// run meets (ephemeral ports, the server's cap on connections), and the lines that make its
// lesson visible (memory per connection, time against one latency, the server's own CPU time).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "core/results.hpp"
#include "net/target.hpp"

namespace concur {

/// Why `in_flight` connections at once to `target` cannot be made here (the ephemeral port
/// range, the tool's own server's cap when `own_server`), as the end of one sentence; empty when they can.
std::string net_concurrency_problem(const net::FetchTarget& target, bool own_server, std::int64_t in_flight);

/// The lines under a finished net table: memory per connection, wall time against one
/// `latency`, the server's CPU time per run (`own_server`), and `first_failure` when not empty.
std::vector<std::string> net_notes(const ScenarioResult& result, std::chrono::nanoseconds latency, bool own_server,
                                   const std::string& first_failure);

}  // namespace concur
