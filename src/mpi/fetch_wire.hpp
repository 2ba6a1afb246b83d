// A net task's server as it travels to the ranks: the tasks of a run share one FetchTarget
// (net/target.hpp), which holds a resolved address and a pointer to the run's first failure,
// neither of which means anything in another process. So its parameters travel, and each rank
// resolves the server again and keeps the target for the tasks that name it.
#pragma once

#include <deque>

#include "net/target.hpp"
#include "sys/wire.hpp"

namespace concur {

/// Writes what a rank needs to rebuild `target`: the server's numeric address and port, the
/// name the requests give it, what each request asks for, the timeouts.
void put_fetch_target(WireWriter& out, const net::FetchTarget& target);

/// Reads a target written by put_fetch_target into `targets` (which never moves it) and returns
/// it; throws when the address no longer resolves or the message is garbled.
const net::FetchTarget* get_fetch_target(WireReader& in, std::deque<net::FetchTarget>& targets);

}  // namespace concur
