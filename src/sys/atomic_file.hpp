// The -o file: written completely or not at all, so a failed or interrupted run never
// leaves half a report where a script expects a whole one.
#pragma once

#include <string>
#include <string_view>

namespace concur {

/// Writes `content` to a temporary file beside `path`, then renames it over `path`;
/// throws std::system_error (and removes the temporary) on failure. An interrupt meanwhile
/// removes the temporary too.
void write_file_atomically(const std::string& path, std::string_view content);

/// Checks, before any measuring, that write_file_atomically(path, ...) can create its
/// temporary beside `path`, by creating and removing one: the only test that also holds for
/// root, read-only file systems and places like /proc. Throws std::system_error if not.
void check_atomic_write_possible(const std::string& path);

}  // namespace concur
