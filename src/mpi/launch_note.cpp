#include "mpi/launch_note.hpp"

#include <map>

#include <fmt/format.h>

#include "core/bytes_text.hpp"

namespace concur {
namespace {

using Clock = std::chrono::steady_clock;

std::string seconds_between(Clock::time_point a, Clock::time_point b) {
  const double s = std::chrono::duration<double>(b - a).count();
  return s < 1 ? fmt::format("{:.0f} ms", s * 1e3) : fmt::format("{:.2f} s", s);
}

// "2 ranks on vm", or "4 ranks on 2 hosts (a 2, b 2)".
std::string placement(const RunReport& report) {
  const std::size_t ranks = report.ranks.size();
  std::map<std::string, unsigned> per_host;
  for (const RankReport& r : report.ranks) ++per_host[r.host];
  if (per_host.size() == 1)
    return fmt::format("{} {} on {}", ranks, ranks == 1 ? "rank" : "ranks", per_host.begin()->first);
  std::vector<std::string> hosts;
  hosts.reserve(per_host.size());
  for (const auto& [host, count] : per_host) hosts.push_back(fmt::format("{} {}", host, count));
  return fmt::format("{} ranks on {} hosts ({})", ranks, per_host.size(), fmt::join(hosts, ", "));
}

}  // namespace

std::string launch_note(const LaunchTimes& times, const RunReport& report, std::uint64_t handed_bytes,
                        const std::vector<std::string>& remarks) {
  std::string text = fmt::format(
      "{} · launch {} (mpirun to every rank ready) + work {} (the row's wall time) + shutdown {} (MPI_Finalize, "
      "mpirun exiting) · moved between ranks: {} of job out, {} of results gathered to rank 0; {} handed to this "
      "process",
      placement(report), seconds_between(times.started, times.ready), seconds_between(times.ready, times.results_in),
      seconds_between(times.results_in, times.ended), format_bytes(report.job_bytes_sent),
      format_bytes(report.result_bytes_gathered), format_bytes(handed_bytes));
  for (const auto& r : remarks) text += " · " + r;
  return text;
}

}  // namespace concur
