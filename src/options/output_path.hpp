// A file the user names for the tool to write (-o, --trace, --svg): checked before anything is
// measured, so a typo in a path costs a second, not a whole run.
#pragma once

#include <string>
#include <string_view>

namespace concur {

/// Throws UsageError, naming `option` and `path`, unless a report can be written atomically to
/// `path`: its directory exists and is writable, and `path` is not a directory or a device.
void check_output_path(const std::string& path, std::string_view option);

}  // namespace concur
