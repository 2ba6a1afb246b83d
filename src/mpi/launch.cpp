#include "mpi/launch.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <regex>

#include <fmt/format.h>

#include "mpi/channel.hpp"
#include "sys/helper_program.hpp"

namespace concur {
namespace {

namespace fs = std::filesystem;

bool executable(const fs::path& path) {
  std::error_code ignored;
  return fs::is_regular_file(path, ignored) && ::access(path.c_str(), X_OK) == 0;
}

bool in_environment(char** environment, std::string_view name) {
  for (char** e = environment; e != nullptr && *e != nullptr; ++e) {
    const std::string_view entry(*e);
    if (entry.size() > name.size() && entry.substr(0, name.size()) == name && entry[name.size()] == '=') return true;
  }
  return false;
}

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r");
  return std::string(text.substr(first, last - first + 1));
}

// The meaningful lines of Open MPI's output: its boxes of dashes and blank lines left out.
std::vector<std::string> meaningful_lines(std::string_view text) {
  std::vector<std::string> lines;
  while (!text.empty()) {
    const auto nl = text.find('\n');
    std::string line = trim(text.substr(0, nl));
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    if (line.empty() || line.find_first_not_of('-') == std::string::npos) continue;
    lines.push_back(std::move(line));
  }
  return lines;
}

// Open MPI wraps its sentences over several lines; joined, they match as one.
std::string joined(const std::vector<std::string>& lines) {
  std::string all;
  for (const auto& l : lines) all += (all.empty() ? "" : " ") + l;
  return all;
}

}  // namespace

std::string find_rank_program() { return find_helper_program(kRankProgram); }

std::string find_mpirun() {
  const char* path = std::getenv("PATH");
  std::string_view dirs = path == nullptr ? "" : path;
  while (true) {
    const auto colon = dirs.find(':');
    const std::string dir(dirs.substr(0, colon));
    const fs::path candidate = fs::path(dir.empty() ? "." : dir) / "mpirun";
    if (executable(candidate)) return candidate.string();
    if (colon == std::string_view::npos) return {};
    dirs.remove_prefix(colon + 1);
  }
}

std::string mpi_unavailable() {
#ifndef CONCUR_HAVE_MPI
  return "this build has no MPI (install libopenmpi-dev, then configure and build again)";
#else
  if (find_mpirun().empty()) return "mpirun is not on the PATH (install openmpi-bin)";
  if (find_rank_program().empty())
    return fmt::format("{} is not installed beside concur-demo or in its libexec directory", kRankProgram);
  return {};
#endif
}

bool single_copy_works() {
  static volatile std::uint64_t probe = 0x636f6e637572ull;
  int ready[2];
  if (::pipe2(ready, O_CLOEXEC) != 0) return true;  // cannot probe: leave Open MPI's default alone
  const pid_t target = ::fork();
  if (target < 0) {
    ::close(ready[0]);
    ::close(ready[1]);
    return true;
  }
  if (target == 0) {
    // What Open MPI's ranks do too: let any process of ours read this one (Yama's ptrace scope).
    ::prctl(PR_SET_PTRACER, PR_SET_PTRACER_ANY, 0, 0, 0);
    ::close(ready[0]);
    (void)!::write(ready[1], "r", 1);
    ::pause();
    ::_exit(0);
  }
  ::close(ready[1]);
  char byte = 0;
  while (::read(ready[0], &byte, 1) < 0 && errno == EINTR) {
  }
  ::close(ready[0]);
  // A sibling reads the target, as one rank reads another: not a parent reading its child.
  const pid_t reader = ::fork();
  if (reader == 0) {
    std::uint64_t copy = 0;
    iovec local{&copy, sizeof copy};
    iovec remote{const_cast<std::uint64_t*>(&probe), sizeof probe};
    const ssize_t n = ::process_vm_readv(target, &local, 1, &remote, 1, 0);
    ::_exit(n == static_cast<ssize_t>(sizeof copy) && copy == probe ? 0 : 1);
  }
  int status = 1;
  if (reader > 0)
    while (::waitpid(reader, &status, 0) < 0 && errno == EINTR) {
    }
  ::kill(target, SIGKILL);
  while (::waitpid(target, nullptr, 0) < 0 && errno == EINTR) {
  }
  return reader < 0 || (WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

LaunchCommand launch_command(const LaunchRequest& request, char** environment) {
  LaunchCommand command;
  command.argv = {request.mpirun, "-np", std::to_string(request.ranks)};
  if (!request.hostfile.empty()) {
    command.argv.insert(command.argv.end(), {"--hostfile", request.hostfile});
  } else if (request.ranks > request.cores) {
    // More ranks than cores, as --workers may ask for more threads than cores: allowed here,
    // where the user asked for it; with a hostfile its slots say what each host takes.
    command.argv.emplace_back("--oversubscribe");
  }
  // The ranks read no input; Open MPI would otherwise forward the terminal's to rank 0.
  command.argv.insert(command.argv.end(), {"--stdin", "none", "-x", kChannelVariable, request.rank_program});

  std::vector<std::string> settings;
  const auto set_default = [&](std::string_view name, std::string_view value) {
    if (!in_environment(environment, name)) settings.push_back(fmt::format("{}={}", name, value));
  };
  // The transports this tool needs and nothing else: probing for InfiniBand, UCX and
  // libfabric costs a quarter of a second per launch on a machine that has none of them.
  set_default("OMPI_MCA_pml", "ob1");
  set_default("OMPI_MCA_btl", request.other_machines ? "self,vader,tcp" : "self,vader");
  set_default("OMPI_MCA_osc", "^ucx");
  set_default("OMPI_MCA_btl_base_warn_component_unused", "0");
  if (request.other_machines)
    // ssh must never stop to ask for a password or a host key: that would hang the launch.
    set_default("OMPI_MCA_plm_rsh_args", "-o BatchMode=yes -o ConnectTimeout=10");
  if (!request.scratch_dir.empty()) {
    // Open MPI's session directory and, when every rank is here, its shared-memory files go
    // into the tool's own directory: a rank or mpirun killed mid-run cannot leave them behind
    // in /tmp or /dev/shm, as the tool removes its directory whatever happens.
    // (TMPDIR, not orte_tmpdir_base: that one would name the same path on every host.)
    settings.push_back(fmt::format("TMPDIR={}", request.scratch_dir));
    if (!request.other_machines) set_default("OMPI_MCA_btl_vader_backing_directory", request.scratch_dir);
  }
  if (::geteuid() == 0) {
    // Open MPI refuses to run as root unless told twice; said for this launch only.
    set_default("OMPI_ALLOW_RUN_AS_ROOT", "1");
    set_default("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1");
  }
  if (!in_environment(environment, "OMPI_MCA_btl_vader_single_copy_mechanism") && !single_copy_works()) {
    settings.emplace_back("OMPI_MCA_btl_vader_single_copy_mechanism=none");
    command.notes.emplace_back(
        "this machine forbids reading another process's memory (a container?): ranks copy through shared memory");
  }
  settings.push_back(fmt::format("{}={}", kChannelVariable, request.rendezvous));
  command.env = settings;
  const auto overridden = [&](std::string_view entry) {
    const auto name = entry.substr(0, entry.find('=') + 1);
    return std::any_of(settings.begin(), settings.end(), [&](const std::string& s) { return s.rfind(name, 0) == 0; });
  };
  for (char** e = environment; e != nullptr && *e != nullptr; ++e)
    if (!overridden(*e)) command.env.emplace_back(*e);
  return command;
}

namespace {

// A rank's end as a line: Open MPI gives a rank killed by a signal the status 128 + the signal
// when it files it as a non-zero exit (the rank program never exits with such a status itself).
std::string rank_ended(std::string_view who, int status) {
  if (status > 128 && status - 128 < NSIG) {
    const char* name = ::strsignal(status - 128);
    return fmt::format("{} was killed by signal {} ({})", who, status - 128, name != nullptr ? name : "?");
  }
  return fmt::format("{} exited with status {}", who, status);
}

// Open MPI's box for a job aborted because a rank ended badly ("Primary job terminated normally,
// but 1 process returned a non-zero exit code").
constexpr std::string_view kNonZeroExitBox = "terminated normally, but";

// What mpirun says once it has decided the job is over: a rank died or aborted.
constexpr std::array<std::string_view, 4> kJobEndedPhrases{"noticed that process rank", kNonZeroExitBox,
                                                           "exited with non-zero status", "MPI_ABORT was invoked"};

}  // namespace

bool mpirun_said_job_ended(std::string_view stderr_text) {
  return std::any_of(kJobEndedPhrases.begin(), kJobEndedPhrases.end(),
                     [&](std::string_view phrase) { return stderr_text.find(phrase) != std::string_view::npos; });
}

std::string mpirun_failure(std::string_view stderr_text, std::optional<int> mpirun_status) {
  const std::vector<std::string> lines = meaningful_lines(stderr_text);
  // The rank program says what went wrong in its own words, once.
  const std::string own = std::string(kRankProgram) + ": ";
  for (const auto& line : lines)
    if (line.rfind(own, 0) == 0) return line.substr(own.size());
  const std::string all = joined(lines);
  std::smatch m;
  if (std::regex_search(
          all, m, std::regex(R"(process rank (\d+) with PID (\d+) on node (\S+) exited on signal (\d+) \(([^)]*)\))")))
    // Open MPI 4 often reports the pid as 0; a pid is shown only when it is one.
    return fmt::format("rank {}{} on {} was killed by signal {} ({})", m[1].str(),
                       m[2].str() == "0" ? "" : fmt::format(" (pid {})", m[2].str()), m[3].str(), m[4].str(),
                       m[5].str());
  // A rank killed at the wrong moment (during start-up, or as another rank exits) may be filed
  // as a non-zero exit instead: the first such rank gets a box of its own, or none at all, and
  // mpirun's own exit status is then the first failed rank's.
  if (std::regex_search(
          all, m,
          std::regex(R"(first process to do so was:\s+Process name:\s+\[\[\d+,\d+\],(\d+)\]\s+Exit code:\s+(\d+))")))
    return rank_ended(fmt::format("rank {}", m[1].str()), std::stoi(m[2].str()));
  if (all.find(kNonZeroExitBox) != std::string::npos && mpirun_status && WIFEXITED(*mpirun_status) &&
      WEXITSTATUS(*mpirun_status) != 0)
    return rank_ended("a rank", WEXITSTATUS(*mpirun_status));
  if (std::regex_search(all, m, std::regex(R"(not enough slots available in the system to satisfy the (\d+) slots)")))
    return fmt::format("the hosts have fewer slots than the {} ranks asked for (raise slots= in the hostfile)",
                       m[1].str());
  if (std::regex_search(all, m, std::regex(R"(Read -?\d+, expected \d+, errno = \d+)")))
    return "ranks may not read each other's memory here (a container?); set "
           "OMPI_MCA_btl_vader_single_copy_mechanism=none";
  if (all.find("unable to reliably start one or more daemons") != std::string::npos ||
      all.find("ORTE does not know how to route") != std::string::npos) {
    for (const auto& line : lines)
      if (line.rfind("ssh:", 0) == 0 || line.find("Permission denied") != std::string::npos ||
          line.find("Host key verification failed") != std::string::npos)
        return fmt::format("Open MPI could not start its daemon on another host: {}", line);
    return "Open MPI could not start its daemon on another host (check passwordless ssh to every host of the "
           "hostfile)";
  }
  if (std::regex_search(all, m,
                        std::regex(R"(could not access or execute an executable: Executable: (\S+) Node: (\S+))")))
    return fmt::format("{} cannot be run on {} (every host needs the same build at the same path)", m[1].str(),
                       m[2].str());
  if (!lines.empty()) return lines.front();
  return {};
}

}  // namespace concur
