#include "mpi/mpirun_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "core/bytes.hpp"

namespace concur {
namespace {

using namespace concur::literals;
using Clock = std::chrono::steady_clock;

// mpirun asked to stop (SIGTERM) stops its ranks, on other hosts too; it gets this long.
constexpr auto kTerminateGrace = std::chrono::seconds(5);
// What Open MPI may say before the tool stops listening to it (its help texts are a few KiB).
constexpr std::size_t kMaxStderr = 256_KiB;
// The launcher's pid as the ranks read it: ten digits, filled in by the child after the fork.
constexpr int kPidDigits = 10;

// Every process below `root`, from /proc: what mpirun started, which it may leave behind.
std::vector<pid_t> descendants(pid_t root) {
  std::vector<pid_t> found, pending{root};
  while (!pending.empty()) {
    const pid_t parent = pending.back();
    pending.pop_back();
    std::error_code ignored;
    for (const auto& task : std::filesystem::directory_iterator("/proc/" + std::to_string(parent) + "/task", ignored)) {
      std::ifstream children(task.path() / "children");
      for (pid_t child = 0; children >> child;) {
        found.push_back(child);
        pending.push_back(child);
      }
    }
  }
  return found;
}

void wait_reaping(pid_t pid, int& status, rusage& usage) {
  while (::wait4(pid, &status, 0, &usage) < 0 && errno == EINTR) {
  }
}

std::chrono::nanoseconds cpu_of(const rusage& usage) {
  std::chrono::nanoseconds total{0};
  for (const timeval& t : {usage.ru_utime, usage.ru_stime})
    total += std::chrono::seconds(t.tv_sec) + std::chrono::microseconds(t.tv_usec);
  return total;
}

}  // namespace

MpirunProcess::MpirunProcess(const LaunchCommand& command) {
  // Everything the child needs is built before the fork.
  std::vector<char*> argv, envp;
  std::vector<std::string> args = command.argv, env = command.env;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  // The launcher's pid is only known in the child; its slot is filled in there.
  env.push_back(std::string(kLauncherVariable) + "=" + std::string(kPidDigits, '0'));
  for (auto& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);
  char* launcher_slot = envp[envp.size() - 2] + std::strlen(kLauncherVariable) + 1;
  const pid_t parent = ::getpid();

  std::array<int, 2> err_pipe{};
  if (::pipe2(err_pipe.data(), O_CLOEXEC) != 0)
    throw std::runtime_error(fmt::format("pipe failed: {}", std::strerror(errno)));
  const int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  pid_ = ::fork();
  if (pid_ < 0) {
    const int err = errno;
    ::close(err_pipe[0]);
    ::close(err_pipe[1]);
    if (null_fd >= 0) ::close(null_fd);
    throw std::runtime_error(fmt::format("fork failed: {}", std::strerror(err)));
  }
  if (pid_ == 0) {
    // If this measuring process dies, mpirun is told to stop, and stops its ranks.
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (::getppid() != parent) ::_exit(127);
    std::snprintf(launcher_slot, kPidDigits + 1, "%010d", static_cast<int>(::getpid()));
    if (null_fd >= 0) ::dup2(null_fd, STDIN_FILENO);
    ::dup2(err_pipe[1], STDERR_FILENO);
    ::execve(argv[0], argv.data(), envp.data());
    const std::string message = fmt::format("{}: cannot run mpirun: {}\n", kRankProgram, std::strerror(errno));
    (void)!::write(STDERR_FILENO, message.data(), message.size());
    ::_exit(127);
  }
  ::close(err_pipe[1]);
  if (null_fd >= 0) ::close(null_fd);
  ::fcntl(err_pipe[0], F_SETFL, O_NONBLOCK);
  stderr_fd_ = err_pipe[0];
}

MpirunProcess::~MpirunProcess() {
  stop();
  close_stderr();
}

bool MpirunProcess::reaped() {
  if (status_ || pid_ <= 0) return true;
  int s = 0;
  pid_t r = 0;
  rusage usage{};
  while ((r = ::wait4(pid_, &s, WNOHANG, &usage)) < 0 && errno == EINTR) {
  }
  if (r == pid_) {
    status_ = s;
    cpu_ = cpu_of(usage);
  }
  return status_.has_value();
}

void MpirunProcess::drain_stderr() {
  if (stderr_fd_ < 0) return;
  std::array<char, 4096> chunk{};
  while (true) {
    const ssize_t n = ::read(stderr_fd_, chunk.data(), chunk.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      if (n == 0) close_stderr();
      return;
    }
    if (said_.size() < kMaxStderr) said_.append(chunk.data(), static_cast<std::size_t>(n));
    if (!job_ended_said_ && mpirun_said_job_ended(said_)) job_ended_said_ = Clock::now();
  }
}

bool MpirunProcess::hung_after_job_ended(Clock::duration limit) {
  return job_ended_said_ && Clock::now() >= *job_ended_said_ + limit && !reaped();
}

void MpirunProcess::stop() {
  if (reaped()) return;
  const std::vector<pid_t> started = descendants(pid_);
  ::kill(pid_, SIGTERM);
  const auto deadline = Clock::now() + kTerminateGrace;
  while (!reaped() && Clock::now() < deadline) {
    drain_stderr();
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  if (!reaped()) {
    ::kill(pid_, SIGKILL);
    int s = 0;
    rusage usage{};
    wait_reaping(pid_, s, usage);
    status_ = s;
    cpu_ = cpu_of(usage);
  }
  for (const pid_t p : started) ::kill(p, SIGKILL);
}

std::string MpirunProcess::failure(std::string_view fallback) const {
  std::string why = mpirun_failure(said_, status_);
  return why.empty() ? std::string(fallback) : why;
}

void MpirunProcess::close_stderr() {
  if (stderr_fd_ >= 0) ::close(stderr_fd_);
  stderr_fd_ = -1;
}

}  // namespace concur
