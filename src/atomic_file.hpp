// The -o file: written completely or not at all, so a failed or interrupted run never
// leaves half a report where a script expects a whole one.
#pragma once

#include <string>
#include <string_view>

namespace concur {

/// Writes `content` to a temporary file beside `path`, then renames it over `path`;
/// throws std::system_error (and removes the temporary) on failure.
void write_file_atomically(const std::string& path, std::string_view content);

}  // namespace concur
