// mpirun as a child of the measuring process: started with its stderr captured (Open MPI's
// complaints become the row's one line), watched without blocking, and stopped so that nothing
// it started outlives the run, not even what it put in process groups of its own.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "mpi/launch.hpp"

namespace concur {

/// One running mpirun. Its stdout is the tool's (the count demo's words reach the terminal as
/// every model's do); its stderr is read here.
class MpirunProcess {
 public:
  /// Forks and execs `command`; the child is told to stop (SIGTERM) if this process dies.
  /// Throws std::runtime_error when no pipe or process can be made.
  explicit MpirunProcess(const LaunchCommand& command);
  /// Stops mpirun if it still runs and closes its stderr.
  ~MpirunProcess();
  MpirunProcess(const MpirunProcess&) = delete;
  MpirunProcess& operator=(const MpirunProcess&) = delete;

  /// Reaps mpirun if it has exited; true once it has.
  bool reaped();
  /// mpirun's wait status, once reaped.
  [[nodiscard]] const std::optional<int>& status() const { return status_; }
  /// The CPU time of mpirun and of every process it reaped (the ranks on this machine), from
  /// start to exit, once reaped; zero before.
  [[nodiscard]] std::chrono::nanoseconds cpu() const { return cpu_; }
  /// The read end of mpirun's stderr (non-blocking), to poll; -1 once it is closed.
  [[nodiscard]] int stderr_fd() const { return stderr_fd_; }
  /// Reads what mpirun and the ranks have written to stderr so far (up to a limit).
  void drain_stderr();
  /// What mpirun and the ranks wrote to stderr.
  [[nodiscard]] const std::string& said() const { return said_; }
  /// Whether mpirun said the job was over (mpirun_said_job_ended) more than `limit` ago and
  /// still runs: Open MPI 4 sometimes never exits after a rank died during start-up.
  [[nodiscard]] bool hung_after_job_ended(std::chrono::steady_clock::duration limit);
  /// One line for a ✗ row: the gist of what mpirun and the ranks said (mpirun_failure), or
  /// `fallback` when they said nothing useful.
  [[nodiscard]] std::string failure(std::string_view fallback) const;
  /// Asks mpirun to stop (it stops every rank, remote ones too), then insists, and ends what
  /// it started on this machine and left running (a rank, or an ssh still trying to reach a
  /// host, each in a process group of its own that no signal to mpirun's group reaches).
  void stop();
  /// Closes the stderr pipe.
  void close_stderr();

 private:
  pid_t pid_ = -1;
  int stderr_fd_ = -1;
  std::string said_;
  std::optional<int> status_;
  std::optional<std::chrono::steady_clock::time_point> job_ended_said_;
  std::chrono::nanoseconds cpu_{0};
};

}  // namespace concur
