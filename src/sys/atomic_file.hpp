// The files the user names for the tool to write (-o, --trace, --svg): a regular file is written
// completely or not at all, so a failed or interrupted run never leaves half a report where a
// script expects a whole one; anything else (a terminal, /dev/null, a FIFO, standard output) is
// written as it is, the way a shell redirection would.
#pragma once

#include <sys/types.h>
#include <string>
#include <string_view>

namespace concur {

/// Where writing a path really goes, links followed.
struct OutputTarget {
  /// How it is written.
  enum class Kind {
    replace,     ///< a regular file, new or existing: a sibling temporary, fsync, rename over it
    direct,      ///< not a regular file (a device, a FIFO, a terminal): opened and written as it is
    descriptor,  ///< an open descriptor of the tool ("-", /dev/stdout, /dev/fd/N): written to it
  };
  Kind kind = Kind::replace;  ///< how it is written
  std::string path;           ///< the final path, every symbolic link followed (replace, direct)
  int fd = -1;                ///< the descriptor (descriptor)
};

/// Follows `path` through symbolic links (relative ones from the link's directory) to what a
/// write would reach. "-" is standard output; /dev/stdout, /dev/stderr, /dev/fd/N and
/// /proc/self/fd/N are the descriptor itself, written at its current position. Throws
/// std::system_error (ELOOP) for a cycle of links.
OutputTarget resolve_output(const std::string& path);

/// Writes `content` to `path` as resolve_output says: a regular file through a temporary in its
/// directory (a short name, so any legal file name works), with the mode of the file it replaces
/// (a new one gets 0666 less the umask), fsynced with its directory before and after the rename,
/// so that once this returns the file survives a power cut. A link is never replaced: its target
/// is; nor is a file the user may not write (EACCES), whatever its directory allows. Throws std::system_error (the
/// temporary removed) on failure. An interrupt meanwhile removes the temporary too, and a temporary left by a killed
/// run is removed by the next write there.
void write_file_atomically(const std::string& path, std::string_view content);

/// Checks, before any measuring, that `path` can be written: for a regular file, by creating and
/// removing a temporary beside its target (the only test that also holds for root, read-only
/// file systems and places like /proc); otherwise by opening it for writing (not a FIFO: that
/// waits for its reader, as a shell would). Throws std::system_error if not.
void check_atomic_write_possible(const std::string& path);

}  // namespace concur
