// Byte counts written the way people say them (`64_KiB`), computed in 64 bits: an `int`
// product such as 64 * 1024 * 1024 * 1024 would overflow before it is widened.
#pragma once

#include <cstdint>

namespace concur::literals {

/// `n` kibibytes in bytes.
constexpr std::uint64_t operator""_KiB(unsigned long long n) { return n * 1024; }

/// `n` mebibytes in bytes.
constexpr std::uint64_t operator""_MiB(unsigned long long n) { return n * 1024 * 1024; }

}  // namespace concur::literals
