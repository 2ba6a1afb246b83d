// Ctrl-C and SIGTERM while a run is under way: the measured process group is killed and
// reaped, the runner unwinds (removing its temp files) and the tool exits 128 + signal.
#pragma once

#include <exception>
#include <sys/types.h>

namespace concur {

/// Thrown by the runner once an interrupting signal has arrived and the run's processes are gone.
class Interrupted : public std::exception {
 public:
  /// Records which signal ended the run.
  explicit Interrupted(int signal) : signal_(signal) {}
  /// The signal number (SIGINT or SIGTERM).
  [[nodiscard]] int signal() const { return signal_; }
  /// "interrupted".
  [[nodiscard]] const char* what() const noexcept override { return "interrupted"; }

 private:
  int signal_;
};

/// Installs the SIGINT/SIGTERM handlers in the tool's main process.
void install_interrupt_handlers();

/// Restores default signal handling; called first thing in every measured child.
void reset_interrupt_handlers_in_child();

/// Tells the handler which process group to kill (0: none running).
void set_running_group(pid_t pgid);

/// Throws Interrupted if a signal arrived.
void throw_if_interrupted();

}  // namespace concur
