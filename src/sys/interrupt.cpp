#include "sys/interrupt.hpp"

#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <string_view>

#include "sys/scratch_paths.hpp"
#include "sys/terminal_restore.hpp"

namespace concur {
namespace {

constexpr int kInterrupts[] = {SIGINT, SIGTERM, SIGHUP};

volatile std::sig_atomic_t running_group = 0;

sigset_t interrupt_set() {
  sigset_t set;
  sigemptyset(&set);
  for (const int s : kInterrupts) sigaddset(&set, s);
  return set;
}

// Reaps every process of the group (the killed leader and, since we are the subreaper, its
// orphaned children) until none is left. waitpid is async-signal-safe.
void reap_group(pid_t group) noexcept {
  while (true) {
    if (::waitpid(-group, nullptr, 0) > 0) continue;
    if (errno == EINTR) continue;
    return;  // ECHILD: nothing of the group is left
  }
}

void say(std::string_view text) noexcept {
  while (!text.empty()) {
    const ssize_t n = ::write(STDERR_FILENO, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    text.remove_prefix(static_cast<std::size_t>(n));
  }
}

extern "C" void on_interrupt(int signal) {
  // The other interrupting signals are blocked while this runs (sa_mask), so it runs once.
  const pid_t group = running_group;
  if (group > 0) {
    ::kill(-group, SIGKILL);
    reap_group(group);
  }
  remove_scratch_paths_now();
  restore_terminal_now();  // the live view's screen, cursor and echo, before the line below
  say("concur-demo: interrupted by ");
  say(signal == SIGINT ? "SIGINT" : signal == SIGTERM ? "SIGTERM" : "SIGHUP");
  say("; all child processes stopped and temporary files removed\n");
  ::_exit(128 + signal);
}

}  // namespace

void install_interrupt_handlers() {
  ::prctl(PR_SET_CHILD_SUBREAPER, 1);
  struct sigaction action {};
  action.sa_handler = on_interrupt;
  action.sa_mask = interrupt_set();
  for (const int s : kInterrupts) ::sigaction(s, &action, nullptr);
  std::signal(SIGPIPE, SIG_IGN);
}

InterruptsBlocked::InterruptsBlocked() {
  const sigset_t set = interrupt_set();
  ::sigprocmask(SIG_BLOCK, &set, &previous_);
}

InterruptsBlocked::~InterruptsBlocked() { ::sigprocmask(SIG_SETMASK, &previous_, nullptr); }

pid_t fork_process_group() {
  const InterruptsBlocked quiet;
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::setpgid(0, 0);  // its own group: the handler kills the whole tree with one kill()
    for (const int s : kInterrupts) std::signal(s, SIG_DFL);
    rlimit core{};
    if (::getrlimit(RLIMIT_CORE, &core) == 0) {
      core.rlim_cur = 0;
      ::setrlimit(RLIMIT_CORE, &core);
    }
    return 0;  // `quiet` restores the mask: the child now dies of an interrupt like any process
  }
  if (pid > 0) {
    ::setpgid(pid, pid);  // also here: whichever of parent and child runs first, the group exists
    running_group = pid;
  }
  return pid;
}

int end_process_group(pid_t leader, rusage& usage) {
  // An early death (a crash) may leave the leader's children running: end them all.
  ::kill(-leader, SIGKILL);
  // From here until the group is forgotten, the handler must not act on it: once the last
  // process is reaped the id is free, and a kill(-id) could reach a stranger's new group.
  const InterruptsBlocked quiet;
  int status = 0;
  while (::wait4(leader, &status, 0, &usage) < 0 && errno == EINTR) {
  }
  reap_group(leader);
  running_group = 0;
  return status;
}

}  // namespace concur
