// The tool's private scratch directory: the only place besides the -o file it writes to.
#pragma once

#include <memory>
#include <string>

#include "sys/scratch_paths.hpp"

namespace concur {

/// A directory made with mkdtemp and removed, with everything in it, on destruction.
class TempDir {
 public:
  /// Creates a fresh directory under $TMPDIR (or /tmp), known to the interrupt handler from
  /// the first instant; throws std::system_error on failure.
  TempDir();
  /// Removes the directory tree (only in the process that created it).
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  /// Absolute path of the directory.
  [[nodiscard]] const std::string& path() const { return path_; }

 private:
  std::string path_;
  int owner_pid_;                         // a forked child inherits this object but must never delete the tree
  int lock_ = -1;                         // holds the directory's lock: a live run's directory is never taken for stale
  std::unique_ptr<ScratchPath> scratch_;  // so an interrupt removes the tree too
};

/// Removes the temp directories that killed runs of the tool left under $TMPDIR (their process
/// gone, their lock free). Call once at the start of a run, before making one's own.
void remove_stale_temp_dirs();

}  // namespace concur
