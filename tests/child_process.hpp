// Running the real binary the way a user does, for the CLI and robustness tests: its own
// TMPDIR, optionally as an unprivileged user and under a lowered resource limit, started in
// the background so a test can signal it, and its output captured.
#pragma once

#include <sys/resource.h>
#include <sys/types.h>

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace concur::test {

/// How the binary exited and what it printed.
struct Result {
  int exit_code = -1;  ///< exit status, or 128 + signal when a signal ended it
  std::string out;     ///< everything on stdout
  std::string err;     ///< everything on stderr
};

/// A directory made with mkdtemp under the test's temp dir, removed with its contents at the end.
class ScratchDir {
 public:
  /// Creates it; `mode` is applied with chmod (so other users can reach it when needed).
  explicit ScratchDir(unsigned mode = 0700);
  /// Removes it (after restoring permissions a test may have taken away).
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  /// Its path.
  [[nodiscard]] const std::string& path() const { return path_; }
  /// `name` inside it.
  [[nodiscard]] std::string operator/(const std::string& name) const { return path_ + "/" + name; }
  /// Names of the entries in it, sorted.
  [[nodiscard]] std::vector<std::string> entries() const;

 private:
  std::string path_;
};

/// How to start the binary.
struct Launch {
  std::vector<std::string> args{};            ///< arguments after the program name
  std::string tmpdir{};                       ///< TMPDIR for the child; empty: inherit
  std::string cwd{};                          ///< working directory for the child; empty: inherit
  std::vector<std::string> env{};             ///< more NAME=value entries, replacing inherited ones
  bool unprivileged = false;                  ///< as root: drop to user and group `uid` first
  uid_t uid = 65534;                          ///< who `unprivileged` runs as (nobody); RLIMIT_NPROC counts per user
  std::optional<rlim_t> max_user_tasks{};     ///< RLIMIT_NPROC for the child
  std::optional<rlim_t> max_address_space{};  ///< RLIMIT_AS for the child, in bytes
  int io_uring_errno = 0;                     ///< non-zero: io_uring_setup fails with it (seccomp), as in containers
  int memory_reads_errno = 0;                 ///< non-zero: process_vm_readv fails with it (seccomp), as in containers
  std::vector<std::pair<int, rlim_t>>
      limits{};          ///< more resource limits (RLIMIT_STACK, RLIMIT_NOFILE, …), soft and hard
  std::string binary{};  ///< empty: $CONCUR_TEST_BINARY if set (to show a test failing on an older build), else
                         ///< the concur-demo built with the tests
};

/// True when tests run as root, so that `unprivileged` means dropping to nobody.
bool running_as_root();

/// A copy of the binary that an unprivileged user can execute, whatever the permissions of
/// the build directory's parents (a checkout under /root is closed to others).
const std::string& binary_for_everyone();

/// One started binary; killed (its process group too) and reaped if still running at the end.
class Child {
 public:
  /// Starts it in its own process group, with stdin from /dev/null.
  explicit Child(const Launch& launch);
  /// Kills and reaps it if wait() was not called.
  ~Child();
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;
  /// Its process id (also its process group id).
  [[nodiscard]] pid_t pid() const { return pid_; }
  /// Waits for it to end and returns what it did.
  Result wait();
  /// Waits at most `seconds`; empty if it is still running then (it is left running).
  std::optional<Result> wait_for(double seconds);
  /// What it has written to stderr so far.
  [[nodiscard]] std::string err_so_far() const;
  /// What it has written to stdout so far.
  [[nodiscard]] std::string out_so_far() const;

 private:
  Result collect(int status);
  pid_t pid_ = -1;
  bool reaped_ = false;
  ScratchDir capture_;
};

/// Runs the binary to its end.
Result run(const Launch& launch);

/// Process ids whose process group is `pgid` (from /proc), zombies included.
std::vector<pid_t> processes_in_group(pid_t pgid);

/// Children of `pid` (from /proc/<pid>/task/*/children).
std::vector<pid_t> children_of(pid_t pid);

/// The measuring process under `tool`: its child that leads a process group of its own; 0 if none yet.
pid_t measured_process_of(pid_t tool);

/// The lines of `text`.
std::vector<std::string> lines(const std::string& text);

/// The CSV report row of `model` on `scenario`, or empty.
std::string csv_row(const std::string& csv, const std::string& scenario, const std::string& model);

/// Whether a CSV report row says its run verified (the fifth column, "verified", is "true").
bool csv_verified(const std::string& row);

/// Polls `ready` every 20 ms for at most `seconds`; true once it held.
bool eventually(double seconds, const std::function<bool()>& ready);

/// The first group of `pattern` in what `child` printed on its standard output, once it appears
/// there within `seconds` (a server's port); empty if it never does.
std::string first_match_in_output(const Child& child, const std::string& pattern, double seconds);

/// True once process `pid` has installed a handler for `signal` (its SigCgt in /proc): from then
/// on the signal reaches the tool's own code, not the default action of a process still starting.
bool catches_signal(pid_t pid, int signal);

}  // namespace concur::test
