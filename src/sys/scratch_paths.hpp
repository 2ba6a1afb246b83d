// The paths the tool creates for itself (its mkdtemp directory, the temporary file behind
// -o) must go even when a signal ends the tool half-way. They live in a fixed table that a
// signal handler can walk without allocating, and are removed with async-signal-safe calls.
#pragma once

#include <string>

namespace concur {

/// Keeps one path in the table for its lifetime. Create it right after the path itself,
/// and drop it right after the path is gone, both with interrupts blocked, so no moment
/// exists where the path is on disk but unknown to the handler.
class ScratchPath {
 public:
  /// Enters `path`; throws std::length_error if it is too long or the table is full.
  explicit ScratchPath(const std::string& path);
  /// Leaves the table (the path itself is its owner's to remove).
  ~ScratchPath();
  ScratchPath(const ScratchPath&) = delete;
  ScratchPath& operator=(const ScratchPath&) = delete;

 private:
  int slot_;
};

/// Removes every path in the table: files are unlinked, directories emptied (subdirectories
/// a few levels deep included) and removed. Async-signal-safe: for the interrupt handler.
void remove_scratch_paths_now() noexcept;

}  // namespace concur
