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
  std::unique_ptr<ScratchPath> scratch_;  // so an interrupt removes the tree too
};

}  // namespace concur
