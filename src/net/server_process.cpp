#include "net/server_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <ctime>
#include <stdexcept>
#include <thread>

#include <fmt/format.h>

#include "core/usage_error.hpp"

namespace concur::net {
namespace {

constexpr int kReadyFd = 3;
constexpr int kStartSeconds = 10;

void write_line(int fd, const std::string& text) {
  std::string line = text + "\n";
  for (std::size_t done = 0; done < line.size();) {
    const ssize_t n = ::write(fd, line.data() + done, line.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    done += static_cast<std::size_t>(n);
  }
}

// The child: in the tool's process group (a Ctrl-C at the terminal ends it with the tool), with
// default signal handling (the tool's handler would kill the tool's measured runs), nothing
// inherited open but the standard streams and the line it reports on, and a parent-death signal
// so that it never outlives the tool, however the tool ends.
[[noreturn]] void run_child(const ServerOptions& options, int ready, pid_t parent) {
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != parent) ::_exit(0);  // the tool died before the line above took effect
  for (const int s : {SIGINT, SIGTERM, SIGHUP}) std::signal(s, SIG_DFL);
  std::signal(SIGPIPE, SIG_IGN);
  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
  const int null = ::open("/dev/null", O_RDWR | O_CLOEXEC);
  if (null >= 0) {
    ::dup2(null, STDIN_FILENO);
    ::dup2(null, STDOUT_FILENO);
  }
  if (ready != kReadyFd) {
    ::dup2(ready, kReadyFd);
    ::close(ready);
  }
  ::close_range(kReadyFd + 1, ~0U, 0);
  int status = 0;
  try {
    const ServerTotals totals = run_server(options, [](const std::string& address, std::uint16_t port) {
      write_line(kReadyFd, fmt::format("{} {}", port, address));
      ::close(kReadyFd);
    });
    (void)totals;
  } catch (const std::exception& e) {
    write_line(kReadyFd, fmt::format("error {}", e.what()));
    status = 1;
  }
  ::_exit(status);  // not exit(): the parent's static objects are the parent's to destroy
}

// Reads the child's one line: "<port> <address>" once it listens, "error <why>" if it cannot.
std::string read_ready_line(int fd) {
  std::string line;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(kStartSeconds);
  while (line.find('\n') == std::string::npos) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) throw std::runtime_error(fmt::format("the server did not start within {} s", kStartSeconds));
    pollfd p{.fd = fd, .events = POLLIN, .revents = 0};
    const int ready = ::poll(&p, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) continue;
    char chunk[256];
    const ssize_t n = ::read(fd, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    line.append(chunk, static_cast<std::size_t>(n));
  }
  return line.substr(0, line.find('\n'));
}

}  // namespace

ServerProcess::ServerProcess(ServerOptions options) : owner_(::getpid()) {
  options.status_lines = false;
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0)
    throw std::runtime_error(fmt::format("cannot start the server: pipe: {}", std::strerror(errno)));
  const pid_t parent = ::getpid();
  pid_ = ::fork();
  if (pid_ < 0) {
    const int err = errno;
    ::close(fds[0]);
    ::close(fds[1]);
    throw std::runtime_error(fmt::format("cannot start the server: fork: {}", std::strerror(err)));
  }
  if (pid_ == 0) {
    ::close(fds[0]);
    run_child(options, fds[1], parent);
  }
  ::close(fds[1]);
  std::string line;
  try {
    line = read_ready_line(fds[0]);
  } catch (...) {
    ::close(fds[0]);
    stop();
    throw;
  }
  ::close(fds[0]);
  const auto space = line.find(' ');
  if (line.rfind("error ", 0) == 0 || space == std::string::npos) {
    stop();
    const std::string why = line.rfind("error ", 0) == 0 ? line.substr(6) : "it ended before it listened";
    throw UsageError(fmt::format("cannot start the net scenario's server: {}", why));
  }
  port_ = static_cast<std::uint16_t>(std::stoul(line.substr(0, space)));
  address_ = line.substr(space + 1);
}

ServerProcess::~ServerProcess() {
  if (::getpid() == owner_) stop();
}

void ServerProcess::stop() noexcept {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  int status = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
  while (true) {
    const pid_t done = ::waitpid(pid_, &status, WNOHANG);
    if (done == pid_ || (done < 0 && errno != EINTR)) break;
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid_, SIGKILL);
      while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
      }
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  pid_ = -1;
}

double ServerProcess::cpu_seconds() const {
  clockid_t clock{};
  timespec t{};
  if (pid_ <= 0 || ::clock_getcpuclockid(pid_, &clock) != 0 || ::clock_gettime(clock, &t) != 0) return -1;
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

}  // namespace concur::net
