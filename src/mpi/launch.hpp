// Starting the mpi model's ranks: where mpirun and the rank program are, the command line and
// environment mpirun gets (the run-as-root switches and the container workaround set for the
// launch only), and Open MPI's many-line complaints turned into one line for a ✗ row.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace concur {

/// The rank program's file name: installed next to concur-demo or in its libexec directory.
inline constexpr char kRankProgram[] = "concur-demo-mpi-rank";

/// The environment variable that gives local ranks mpirun's pid: a rank whose launcher is
/// already gone when it starts exits at once.
inline constexpr char kLauncherVariable[] = "CONCUR_MPI_LAUNCHER";

/// The rank program beside this executable (a build tree, or bin/ of an install) or in
/// ../libexec/concur-demo/; never the source tree. Empty when there is none.
std::string find_rank_program();

/// mpirun on the PATH; empty when there is none.
std::string find_mpirun();

/// Why the mpi model cannot run here (a build without MPI, no mpirun, no rank program), as the
/// note for a skipped row; empty when it can.
std::string mpi_unavailable();

/// Whether Open MPI's shared-memory single copy (cross-memory attach, process_vm_readv between
/// two sibling processes) works here. Containers often forbid it; ranks then fail on their
/// first large message ("Read -1, expected ..., errno = 1") unless it is turned off.
bool single_copy_works();

/// What one launch needs.
struct LaunchRequest {
  std::string mpirun;           ///< path to mpirun
  std::string rank_program;     ///< path to the rank program (the same path on every host)
  unsigned ranks = 1;           ///< -np
  std::string hostfile;         ///< --hostfile; empty: this machine only
  bool other_machines = false;  ///< the hostfile names machines other than this one
  unsigned cores = 1;           ///< this machine's cores: more ranks than that here need --oversubscribe
  std::string rendezvous;       ///< the channel rank 0 connects back to
  std::string scratch_dir;  ///< where Open MPI writes on this machine (the tool's own directory); empty: its default
};

/// The command line and environment of one launch.
struct LaunchCommand {
  std::vector<std::string> argv;   ///< mpirun and its arguments
  std::vector<std::string> env;    ///< NAME=value, the caller's environment with the launch's own settings
  std::vector<std::string> notes;  ///< what was adjusted for this machine, for the row's note
};

/// Builds the launch: Open MPI's settings go in as environment defaults (OMPI_MCA_...), so a
/// user's own OMPI_MCA_ variables win (OMPI_MCA_pml=ucx for a cluster's fabric, say).
LaunchCommand launch_command(const LaunchRequest& request, char** environment);

/// One line from what mpirun wrote to stderr when a launch or run failed: the rank program's
/// own message, or the gist of Open MPI's (a rank killed, not enough slots, a host that
/// cannot be reached), or its first meaningful line. `mpirun_status`, mpirun's wait status
/// once it has exited, names a failed rank's status when Open MPI's words do not.
std::string mpirun_failure(std::string_view stderr_text, std::optional<int> mpirun_status = {});

/// Whether mpirun's stderr says the job is over (a rank died, exited non-zero or aborted): it
/// should exit moments later, and Open MPI 4 sometimes does not (a rank killed during start-up).
bool mpirun_said_job_ended(std::string_view stderr_text);

}  // namespace concur
