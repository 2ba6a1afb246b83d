// A file the user names for the tool to write (-o, --trace, --svg): checked before anything is
// measured, so a typo in a path costs a second, not a whole run.
#pragma once

#include <string>
#include <string_view>

namespace concur {

/// Throws UsageError, naming `option` and `path`, unless `path` can be written: "-" (standard
/// output); a regular file, new or not, whose directory exists and takes a new file (links are
/// followed to their target); a device, FIFO or terminal that opens for writing. A directory
/// never can.
void check_output_path(const std::string& path, std::string_view option);

}  // namespace concur
