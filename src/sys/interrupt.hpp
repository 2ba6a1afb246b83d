// Ctrl-C, Ctrl-\, SIGTERM, a closed terminal or any other ending signal at any moment: whatever the tool is doing
// (measuring, generating files, computing a reference result, writing the report), the measured process group is killed
// and reaped, every scratch path removed, one line printed, and the tool exits with 128 + the signal number. The
// handler does all of that itself, with async-signal-safe calls only, so no long computation in the main process can
// delay it.
#pragma once

#include <signal.h>
#include <sys/resource.h>
#include <sys/types.h>

namespace concur {

/// Installs the handlers for SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1/2, the timer signals and
/// SIGXCPU in the tool's main process, ignores SIGPIPE and SIGXFSZ (a closed reader or a full
/// file becomes an error, not a silent death that skips cleanup), and makes
/// the process the reaper of its orphaned descendants, so no child of a measured run is left
/// for an init that might never reap it.
void install_interrupt_handlers();

/// Blocks the interrupting signals while alive, so that a step and its bookkeeping (a fork and
/// the record of its process group; a directory and its entry in the scratch table) are one
/// step for the handler. A signal that arrives meanwhile is handled when the block ends.
class InterruptsBlocked {
 public:
  /// Blocks every interrupting signal.
  InterruptsBlocked();
  /// Restores the previous signal mask.
  ~InterruptsBlocked();
  InterruptsBlocked(const InterruptsBlocked&) = delete;
  InterruptsBlocked& operator=(const InterruptsBlocked&) = delete;

 private:
  sigset_t previous_;
};

/// Forks a child that leads a new process group, recorded for the handler before any signal
/// can be handled: no moment exists where a child runs unknown to it. In the child, default
/// signal handling is restored, core dumps are off (a crashing model must not write a core
/// file into the user's working directory), and the child dies with the tool: if the tool
/// ends first, even by SIGKILL, the child kills its whole process group. Returns fork()'s
/// result (-1 with errno set).
pid_t fork_process_group();

/// Kills whatever is left of the group led by `leader`, reaps the leader (its wait status is
/// returned, its resource usage stored in `usage`) and every other process of the group, and
/// forgets the group.
int end_process_group(pid_t leader, rusage& usage);

}  // namespace concur
