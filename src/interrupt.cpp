#include "interrupt.hpp"

#include <csignal>

namespace concur {
namespace {

volatile std::sig_atomic_t received_signal = 0;
volatile std::sig_atomic_t running_group = 0;

extern "C" void on_interrupt(int signal) {
  received_signal = signal;
  // kill() is async-signal-safe; the group holds the measured process and all its children.
  if (running_group > 0) ::kill(-static_cast<pid_t>(running_group), SIGKILL);
}

}  // namespace

void install_interrupt_handlers() {
  struct sigaction action {};
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;  // the runner notices through the killed child's closed pipe
  ::sigaction(SIGINT, &action, nullptr);
  ::sigaction(SIGTERM, &action, nullptr);
}

void reset_interrupt_handlers_in_child() {
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
}

void set_running_group(pid_t pgid) {
  running_group = pgid;
  // A signal that came between fork() and now found no group to kill: do it here.
  if (pgid > 0 && received_signal != 0) ::kill(-pgid, SIGKILL);
}

void throw_if_interrupted() {
  if (received_signal != 0) throw Interrupted(received_signal);
}

}  // namespace concur
