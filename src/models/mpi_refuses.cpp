#include "models/mpi_refuses.hpp"

#include <optional>

#include "core/endpoint.hpp"
#include "mpi/hostfile.hpp"

namespace concur {
namespace {

// Whether `server` (net's --server; unset: the tool's own, on 127.0.0.1) is this machine's loopback.
bool loopback_server(const std::optional<std::string>& server) {
  if (!server) return true;
  const std::string host = parse_endpoint(*server, "--server").host;
  return host == "localhost" || host.starts_with("127.") || host == "::1";
}

}  // namespace

// Files the tool generates live in this machine's temp dir; a rank on another machine cannot
// read them. A net server on this machine's loopback cannot be reached from the other hosts.
std::string mpi_refuses(std::string_view scenario, const ScenarioOptions& options, const Placement& placement) {
  if (placement.hostfile.empty() || !read_hostfile(placement.hostfile).names_other_machines()) return {};
  if (scenario == "files" && !options.dir)
    return "files under mpi with --hosts naming other machines would read files generated in this machine's temp "
           "dir, which the other hosts cannot see: give --dir on a file system every host mounts at the same path";
  if (scenario == "net" && loopback_server(options.server))
    return "net under mpi with --hosts naming other machines would fetch from a server on this machine's loopback, "
           "which the other hosts cannot reach: start `concur-demo serve --bind ADDR` and give --server ADDR:PORT";
  return {};
}

}  // namespace concur
