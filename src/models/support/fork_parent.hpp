// The fork model's parent process: a small program of its own (concur-demo-fork-parent) that the
// measuring process starts with exec for each fork row, and that forks the row's children.
//
// Why not fork from the measuring process: fork copies the caller's page tables and links every
// child into each of the caller's anonymous memory regions' reverse maps. The measuring process
// is itself a fork of the tool, so it carries the tool's heap (over 400 KiB) and a second
// generation of those links, and its forks cost 1.3-1.5x a bare fork loop's (docs/performance.md).
// A freshly exec'd program holds only its job, as a bare loop does, so the row shows what a
// process costs, not what the tool's own memory adds to it.
//
// Between the two, over a socket (length-prefixed frames): the job (mpi/job.hpp's encoding);
// "ready" with the parent's start-up CPU time, or why it cannot run the job; "go" with the run's
// time zero; and, once every child has been reaped, the report below. The children send their
// results straight to the measuring process through one pipe (task_frames.hpp).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace concur {

/// The parent process's file name: built beside concur-demo, installed in libexec/concur-demo/.
inline constexpr char kForkParentProgram[] = "concur-demo-fork-parent";
/// The parent's end of its socket to the measuring process.
inline constexpr int kForkControlDescriptor = 3;
/// The write end of the pipe every child sends its result to.
inline constexpr int kForkResultsDescriptor = 4;
/// When the tasks fetch: the page where the run's first failed fetch is told to the others
/// (net/first_failure.hpp), so that the children give up as a forked tool's would.
inline constexpr int kForkFirstFailureDescriptor = 5;
/// The parent's last argument when it has descriptor 5 (any other descriptor it inherited may be open).
inline constexpr char kForkSharesFirstFailure[] = "--shares-first-failure";

/// What the parent process says once every child it started has been reaped.
struct ForkReport {
  std::uint64_t started = 0;           ///< children it forked
  std::string failure;                 ///< why it stopped forking early (fork's error); empty if it did not
  std::vector<std::int32_t> statuses;  ///< each started child's wait status, in task order
};

/// Encodes a report for the measuring process.
std::vector<std::byte> encode_fork_report(const ForkReport& report);

/// Decodes a report; throws std::runtime_error when it is garbled.
ForkReport decode_fork_report(std::span<const std::byte> bytes);

/// The parent program's environment: `inherited` (a null-terminated list like environ) with
/// LD_BIND_NOW=1, and glibc.pthread.rseq=0 added to GLIBC_TUNABLES after the user's own.
std::vector<std::string> fork_parent_environment(const char* const* inherited);

/// The measuring process's handle on a running parent process. Destroying it while the parent
/// runs stops the parent (SIGKILL) and reaps it.
class ForkParent {
 public:
  /// Starts the parent process, with `results` (the pipe's write end) as its descriptor 4 and
  /// `first_failure` (when not -1) as its descriptor 5. Throws std::runtime_error when it
  /// cannot be found or started.
  ForkParent(int results, int first_failure);
  ForkParent(const ForkParent&) = delete;
  ForkParent& operator=(const ForkParent&) = delete;
  ~ForkParent();

  /// Sends the job and waits until the parent has decoded it; returns the parent's CPU time so
  /// far (its start-up, which is not the row's). Throws std::runtime_error with the parent's
  /// reason when it cannot run the job.
  std::chrono::nanoseconds hand_over(std::span<const std::byte> job);
  /// Lets the parent fork its children; their records count from `origin`.
  void go(std::chrono::steady_clock::time_point origin);
  /// Waits for the report and for the parent's exit. Throws std::runtime_error when the parent
  /// ended without one.
  ForkReport finish();

 private:
  [[noreturn]] void ended_early(const std::exception& e);
  pid_t pid_ = -1;
  int control_ = -1;
};

}  // namespace concur
