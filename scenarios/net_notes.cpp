#include "scenarios/net_notes.hpp"

#include <fstream>

#include <fmt/format.h>

#include "core/parse.hpp"
#include "net/server.hpp"

namespace concur {
namespace {

// Connections open together from which memory per connection is worth stating.
constexpr std::int64_t kManyConnections = 10;

struct PortRange {
  std::int64_t low = 32768;
  std::int64_t high = 60999;
  [[nodiscard]] std::int64_t count() const { return high - low + 1; }
};

PortRange ephemeral_ports() {
  PortRange range;
  std::ifstream in("/proc/sys/net/ipv4/ip_local_port_range");
  if (!(in >> range.low >> range.high) || range.high < range.low) return PortRange{};
  return range;
}

std::string kib_text(double kib) {
  if (kib >= 1024) return fmt::format("{:.1f} MiB", kib / 1024);
  return kib >= 10 ? fmt::format("{:.0f} KiB", kib) : fmt::format("{:.1f} KiB", kib);
}

std::string seconds_text(double s) {
  if (s >= 1) return fmt::format("{:.2f} s", s);
  if (s >= 1e-3) return fmt::format("{:.1f} ms", s * 1e3);
  return fmt::format("{:.0f} µs", s * 1e6);
}

// "label: a x · b y" over the rows that have a value, or nothing when none has.
template <typename Value>
void add_line(std::vector<std::string>& lines, std::string_view label, const ScenarioResult& result, Value value) {
  std::vector<std::string> parts;
  for (const ModelResult& row : result.rows)
    if (auto text = value(row); !text.empty()) parts.push_back(fmt::format("{} {}", row.model, text));
  if (!parts.empty()) lines.push_back(fmt::format("{}: {}", label, fmt::join(parts, " · ")));
}

}  // namespace

std::string net_concurrency_problem(const net::FetchTarget& target, bool own_server, std::int64_t in_flight) {
  const PortRange ports = ephemeral_ports();
  // Spread over loopback source addresses, each carries kConnectionsPerSource connections and
  // has the whole range to itself; otherwise every connection to the server shares one range.
  const std::int64_t per_source = target.spread_sources ? net::kConnectionsPerSource : in_flight;
  if (std::min(per_source, in_flight) > ports.count())
    return fmt::format(
        "it opens {} connections to {} at once, but net.ipv4.ip_local_port_range ({}–{}) gives {} ephemeral ports "
        "per source address{}",
        format_count(in_flight), target.authority, ports.low, ports.high, format_count(ports.count()),
        target.spread_sources ? "" : " (a server on 127.x spreads them over several)");
  if (own_server && in_flight > net::default_max_connections())
    return fmt::format("the tool's server accepts {} connections at once (the open-file limit, ulimit -Hn, less 32)",
                       format_count(net::default_max_connections()));
  if (const std::int64_t queue = net::accept_queue_capacity(net::default_max_connections());
      own_server && in_flight > queue)
    return fmt::format(
        "it opens {} connections at once, but the tool's server can queue {} connects before it accepts them "
        "(net.core.somaxconn per listening socket); raise net.core.somaxconn",
        format_count(in_flight), format_count(queue));
  return {};
}

std::vector<std::string> net_notes(const ScenarioResult& result, std::chrono::nanoseconds latency, bool own_server,
                                   const std::string& first_failure) {
  std::vector<std::string> lines;
  if (!first_failure.empty()) lines.push_back(first_failure);
  // Only where many connections were open together: with one or two, the run's fixed costs (code
  // paged in, buffers) would read as a price per connection.
  add_line(
      lines, "memory per connection (memory growth ÷ connections open at once)", result, [](const ModelResult& row) {
        return row.verified && row.max_in_flight >= kManyConnections ? kib_text(row.rss_per_task_kib) : std::string();
      });
  const double one = std::chrono::duration<double>(latency).count();
  if (one > 0)
    add_line(lines, fmt::format("wall time in latencies ({} each)", format_duration(latency)), result,
             [one](const ModelResult& row) {
               return row.verified ? fmt::format("{:.1f}", row.wall_s.median / one) : std::string();
             });
  if (own_server)
    add_line(lines, "the server's CPU time per run (its own process, not in the rows)", result,
             [](const ModelResult& row) { return row.server_cpu_s ? seconds_text(*row.server_cpu_s) : std::string(); });
  return lines;
}

}  // namespace concur
