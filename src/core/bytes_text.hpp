// Byte counts for prose: status lines and notes say "61 B", "271 KiB", "188.0 MiB". Sizes a user
// types ("4MiB") are format_size's (core/parse.hpp).
#pragma once

#include <cstdint>
#include <string>

namespace concur {

/// `bytes` in the unit that keeps it short: bytes below a KiB, whole KiB below a MiB, then MiB,
/// GiB or TiB with one decimal.
std::string format_bytes(std::uint64_t bytes);

}  // namespace concur
