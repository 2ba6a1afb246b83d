// Parsers for the values people type on the command line. Each returns the value or
// throws ParseError whose message names the bad text and what would be accepted,
// so the CLI can print exactly one clear line.
#pragma once

#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/usage_error.hpp"

namespace concur {

/// A value on the command line that cannot be understood; what() is the user-facing line.
class ParseError : public UsageError {
 public:
  using UsageError::UsageError;
};

/// Parses a duration such as "100ms", "1s", "1.5s", "250us", "2m"; a bare number is rejected
/// (a unit is required, so "100" cannot silently mean seconds or milliseconds). Range 0..24h.
std::chrono::nanoseconds parse_duration(std::string_view text);

/// Parses a size such as "4MiB", "512KiB", "1GiB", "4MB", "4096" (bytes) or "4096B". Range 1 B..64 GiB.
std::uint64_t parse_size(std::string_view text);

/// Parses a whole number within [min, max]; `what` names the option in the error ("--tasks").
std::int64_t parse_count(std::string_view text, std::int64_t min, std::int64_t max, std::string_view what);

/// Splits "a,b,c" into trimmed, non-empty items; an empty list or empty item is an error.
std::vector<std::string> parse_list(std::string_view text, std::string_view what);

/// Formats a duration the way users type it ("100ms", "1.5s"), for headers and errors.
std::string format_duration(std::chrono::nanoseconds d);

/// `text` made safe for one line on a terminal: control characters (a newline inside a
/// value, an escape sequence) are shown escaped ("\n", "\x1b") instead of acting.
std::string printable(std::string_view text);

/// Formats a count for prose, digits grouped by thousands ("32,768"), so large limits read at a glance.
std::string format_count(std::int64_t n);

/// Formats a byte count the way users type it ("4MiB", "1536B").
std::string format_size(std::uint64_t bytes);

}  // namespace concur
