#include "models/support/fork_parent.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string_view>

#include <fmt/format.h>

#include "mpi/frames.hpp"
#include "sys/exit_status.hpp"
#include "sys/helper_program.hpp"
#include "sys/wire.hpp"

namespace concur {
namespace {

constexpr char kPeer[] = "the fork model's parent process";
constexpr std::string_view kBindNowName = "LD_BIND_NOW=";
constexpr std::string_view kTunablesName = "GLIBC_TUNABLES=";
constexpr std::string_view kRseqOff = "glibc.pthread.rseq=0";

// A copy of `fd` at 10 or above, closed on exec: moving it to descriptor 3 or 4 in the new
// program can then never be a dup2 onto itself, which would leave it closed on exec.
int above_the_standard_ones(int fd) {
  const int copy = ::fcntl(fd, F_DUPFD_CLOEXEC, 10);
  if (copy < 0) throw std::runtime_error(fmt::format("fcntl failed: {}", std::strerror(errno)));
  return copy;
}

}  // namespace

std::vector<std::byte> encode_fork_report(const ForkReport& report) {
  WireWriter out;
  out.put(report.started);
  out.put_string(report.failure);
  out.put_span(std::span<const std::int32_t>(report.statuses));
  return out.bytes();
}

ForkReport decode_fork_report(std::span<const std::byte> bytes) {
  WireReader in(bytes);
  ForkReport report{.started = in.get<std::uint64_t>(), .failure = in.get_string(), .statuses = {}};
  report.statuses = in.get_vector<std::int32_t>();
  if (report.statuses.size() != report.started || !in.empty())
    throw std::runtime_error(fmt::format("garbled report from {}", kPeer));
  return report;
}

// Every symbol of every library bound at start-up: a call that libstdc++ binds lazily (its
// clock read, its sleep) would otherwise be resolved anew in every child, the dynamic linker's
// lookups writing its tables there, 15 page faults a child (perf, 1,000 forks). And no
// restartable-sequence area registered: the kernel writes that area (in the thread's control
// block) in every new child on its first return to user space, and in this program the area lies
// on a page of its own, so each child copied one more page for a feature it never uses (perf:
// 1,055 such faults per 1,000 children, about 6 µs each).
std::vector<std::string> fork_parent_environment(const char* const* inherited) {
  std::vector<std::string> environment;
  std::string tunables(kRseqOff);
  for (const char* const* e = inherited; e != nullptr && *e != nullptr; ++e) {
    const std::string_view variable(*e);
    if (variable.starts_with(kTunablesName)) {
      // The user's own tunables are kept, this one added last.
      if (variable.size() > kTunablesName.size())
        tunables = fmt::format("{}:{}", variable.substr(kTunablesName.size()), kRseqOff);
    } else if (!variable.starts_with(kBindNowName)) {
      environment.emplace_back(variable);
    }
  }
  environment.push_back(std::string(kBindNowName) + "1");
  environment.push_back(std::string(kTunablesName) + tunables);
  return environment;
}

ForkParent::ForkParent(int results, int first_failure) {
  std::string program = find_helper_program(kForkParentProgram);
  if (program.empty())
    throw std::runtime_error(
        fmt::format("{} is not installed beside concur-demo or in its libexec directory", kForkParentProgram));
  int pair[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0)
    throw std::runtime_error(fmt::format("socketpair failed: {}", std::strerror(errno)));
  control_ = pair[0];
  const int theirs = above_the_standard_ones(pair[1]);
  ::close(pair[1]);
  const int results_copy = above_the_standard_ones(results);
  const int first_failure_copy = first_failure >= 0 ? above_the_standard_ones(first_failure) : -1;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, theirs, kForkControlDescriptor);
  posix_spawn_file_actions_adddup2(&actions, results_copy, kForkResultsDescriptor);
  if (first_failure_copy >= 0)
    posix_spawn_file_actions_adddup2(&actions, first_failure_copy, kForkFirstFailureDescriptor);
  // The parent dies with this process (PR_SET_PDEATHSIG) unless this pid is gone already.
  std::string own_pid = std::to_string(::getpid());
  std::string shares(kForkSharesFirstFailure);
  char* argv[] = {program.data(), own_pid.data(), first_failure_copy >= 0 ? shares.data() : nullptr, nullptr};
  std::vector<std::string> environment = fork_parent_environment(environ);
  std::vector<char*> entries;
  entries.reserve(environment.size() + 1);
  for (auto& entry : environment) entries.push_back(entry.data());
  entries.push_back(nullptr);
  const int error = ::posix_spawn(&pid_, program.c_str(), &actions, nullptr, argv, entries.data());
  posix_spawn_file_actions_destroy(&actions);
  ::close(theirs);
  ::close(results_copy);
  if (first_failure_copy >= 0) ::close(first_failure_copy);
  if (error != 0) {
    pid_ = -1;
    ::close(control_);
    throw std::runtime_error(fmt::format("cannot start {}: {}", kForkParentProgram, std::strerror(error)));
  }
}

ForkParent::~ForkParent() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    while (::waitpid(pid_, nullptr, 0) < 0 && errno == EINTR) {
    }
  }
  ::close(control_);
}

void ForkParent::ended_early(const std::exception& e) {
  // Its exit says more than a closed socket: a crash, a missing library, a kill.
  int status = 0;
  pid_t reaped = 0;
  while ((reaped = ::waitpid(pid_, &status, 0)) < 0 && errno == EINTR) {
  }
  pid_ = -1;
  if (reaped > 0 && !exited_cleanly(status))
    throw std::runtime_error(fmt::format("{} {}", kPeer, describe_exit_status(status)));
  throw std::runtime_error(e.what());
}

std::chrono::nanoseconds ForkParent::hand_over(std::span<const std::byte> job) {
  std::vector<std::byte> ready;
  try {
    if (!send_frame(control_, job))
      throw std::runtime_error(fmt::format("cannot send the job to {}: {}", kPeer, std::strerror(errno)));
    ready = receive_frame(control_, kPeer);
  } catch (const std::exception& e) {
    ended_early(e);
  }
  WireReader in(ready);
  if (in.get<std::uint8_t>() == 0) throw std::runtime_error(in.get_string());
  return std::chrono::nanoseconds(in.get<std::int64_t>());
}

void ForkParent::go(std::chrono::steady_clock::time_point origin) {
  WireWriter out;
  out.put<std::int64_t>(origin.time_since_epoch().count());
  if (!send_frame(control_, out.bytes()))
    ended_early(std::runtime_error(fmt::format("cannot start {}'s children: {}", kPeer, std::strerror(errno))));
}

ForkReport ForkParent::finish() {
  std::vector<std::byte> bytes;
  try {
    bytes = receive_frame(control_, kPeer);
  } catch (const std::exception& e) {
    ended_early(e);
  }
  int status = 0;
  while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  pid_ = -1;
  if (!exited_cleanly(status)) throw std::runtime_error(fmt::format("{} {}", kPeer, describe_exit_status(status)));
  return decode_fork_report(bytes);
}

}  // namespace concur
