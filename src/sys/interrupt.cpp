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

// Every signal whose default action would end the tool without its cleanup, and that nothing in
// the tool uses for itself: Ctrl-C, Ctrl-\, kill, a closed terminal, the user signals, timers a
// parent may have armed, and the CPU limit (ulimit -t). SIGXFSZ is ignored instead (see below).
struct Named {
  int signal;
  const char* name;
};
constexpr Named kInterrupts[] = {{SIGINT, "SIGINT"},   {SIGTERM, "SIGTERM"},     {SIGHUP, "SIGHUP"},
                                 {SIGQUIT, "SIGQUIT"}, {SIGUSR1, "SIGUSR1"},     {SIGUSR2, "SIGUSR2"},
                                 {SIGALRM, "SIGALRM"}, {SIGVTALRM, "SIGVTALRM"}, {SIGPROF, "SIGPROF"},
                                 {SIGXCPU, "SIGXCPU"}, {SIGPWR, "SIGPWR"}};

// What a measuring process receives when the tool dies before it (PR_SET_PDEATHSIG): SIGHUP, the
// signal of a vanished controller, handled by killing the whole measured process group.
constexpr int kParentGone = SIGHUP;

volatile std::sig_atomic_t running_group = 0;

sigset_t interrupt_set() {
  sigset_t set;
  sigemptyset(&set);
  for (const Named& s : kInterrupts) sigaddset(&set, s.signal);
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

const char* name_of(int signal) noexcept {
  for (const Named& s : kInterrupts)
    if (s.signal == signal) return s.name;
  return "a signal";
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
  say(name_of(signal));
  say("; all child processes stopped and temporary files removed\n");
  ::_exit(128 + signal);
}

// In a measuring process whose tool has died: take every process of the run along (fork
// children, python3 and its workers), this one included. kill() is async-signal-safe.
extern "C" void on_parent_gone(int) { ::kill(0, SIGKILL); }

// The measuring process dies with the tool: the kernel sends kParentGone when the tool's
// (single) thread exits, however it exits, SIGKILL included. The tool may have died before
// the request was made, so the parent is checked after it.
void die_with_parent(pid_t parent) {
  struct sigaction action {};
  action.sa_handler = on_parent_gone;
  ::sigaction(kParentGone, &action, nullptr);
  ::prctl(PR_SET_PDEATHSIG, kParentGone);
  if (::getppid() != parent) ::kill(0, SIGKILL);
}

}  // namespace

void install_interrupt_handlers() {
  ::prctl(PR_SET_CHILD_SUBREAPER, 1);
  struct sigaction action {};
  action.sa_handler = on_interrupt;
  action.sa_mask = interrupt_set();
  for (const Named& s : kInterrupts) ::sigaction(s.signal, &action, nullptr);
  std::signal(SIGPIPE, SIG_IGN);
  // Past the file size limit (ulimit -f) a write fails with EFBIG and is reported as any failed
  // write, instead of SIGXFSZ killing the tool mid-way through generating files.
  std::signal(SIGXFSZ, SIG_IGN);
}

InterruptsBlocked::InterruptsBlocked() {
  const sigset_t set = interrupt_set();
  ::sigprocmask(SIG_BLOCK, &set, &previous_);
}

InterruptsBlocked::~InterruptsBlocked() { ::sigprocmask(SIG_SETMASK, &previous_, nullptr); }

pid_t fork_process_group() {
  const InterruptsBlocked quiet;
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::setpgid(0, 0);  // its own group: the handler kills the whole tree with one kill()
    for (const Named& s : kInterrupts) std::signal(s.signal, SIG_DFL);
    std::signal(SIGXFSZ, SIG_DFL);
    die_with_parent(parent);
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
