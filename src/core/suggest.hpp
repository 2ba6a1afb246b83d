// "Did you mean …?": the nearest known name to one typed wrongly, so a typo costs a glance,
// not a trip to --help.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace concur {

/// The name in `known` nearest to `typed` (edit distance, a swap of two neighbours counting
/// one), or empty when none is near enough to be a likely typo.
std::string nearest_name(std::string_view typed, std::span<const std::string_view> known);

/// " (did you mean 'x'?)" for the nearest name, or empty: ready to append to an error line.
std::string did_you_mean(std::string_view typed, std::span<const std::string_view> known);

}  // namespace concur
