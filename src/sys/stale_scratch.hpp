// What a killed run leaves behind (SIGKILL cannot be handled: no cleanup runs) is removed by the
// next run. Every scratch path the tool makes carries its process id in its name and stays
// locked (flock) by the run while it exists; a path is stale when that process no longer exists
// and nobody holds its lock, so a live run's files, even one in another PID namespace sharing
// the directory, are never touched.
#pragma once

#include <string>
#include <string_view>

namespace concur {

/// The directory the tool's scratch directories go in: $TMPDIR, or /tmp when unset or empty.
std::string scratch_base();

/// "<stem><pid>.": how this process names what it creates (stem "concur-demo." for directories
/// under scratch_base(), ".concur-demo." for temporaries beside an output file).
std::string scratch_name_prefix(std::string_view stem);

/// Opens `path` (a directory or a file, never following a link) and takes its lock, marking it
/// as in use by this run for as long as the returned descriptor stays open (close-on-exec; forked
/// children share it). Returns -1 if it cannot be opened or locked.
int lock_scratch_path(const std::string& path);

/// Removes the entries of `dir` named "<stem><pid>.<anything>" that belong to this user, whose
/// process is gone and whose lock is free: a directory with everything in it, a file. Errors
/// are ignored (a stale path left is left for the next run); links are never followed.
void remove_stale_scratch(const std::string& dir, std::string_view stem);

}  // namespace concur
