#include "mpi/fetch_wire.hpp"

#include <chrono>
#include <cstdint>
#include <string>
#include <utility>

namespace concur {

void put_fetch_target(WireWriter& out, const net::FetchTarget& target) {
  out.put_string(target.ip);
  out.put(target.port);
  out.put_string(target.authority);
  out.put(target.size);
  out.put<std::int64_t>(target.latency.count());
  out.put<std::uint8_t>(target.spread_sources ? 1 : 0);
  out.put<std::int64_t>(target.connect_timeout.count());
  out.put<std::int64_t>(target.io_timeout.count());
}

const net::FetchTarget* get_fetch_target(WireReader& in, std::deque<net::FetchTarget>& targets) {
  const std::string ip = in.get_string();
  const auto port = in.get<std::uint16_t>();
  std::string authority = in.get_string();
  const auto size = in.get<std::uint64_t>();
  const std::chrono::nanoseconds latency(in.get<std::int64_t>());
  const bool spread_sources = in.get<std::uint8_t>() != 0;
  const std::chrono::nanoseconds connect_timeout(in.get<std::int64_t>());
  const std::chrono::nanoseconds io_timeout(in.get<std::int64_t>());
  // The address is numeric: resolving it again asks no name server, only fills the sockaddr.
  net::FetchTarget& target = targets.emplace_back(net::resolve_target(ip, port, size, latency, "--server"));
  target.authority = std::move(authority);
  target.spread_sources = spread_sources;
  target.connect_timeout = connect_timeout;
  target.io_timeout = io_timeout;
  return &target;
}

}  // namespace concur
