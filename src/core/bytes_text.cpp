#include "core/bytes_text.hpp"

#include <array>

#include <fmt/format.h>

namespace concur {

std::string format_bytes(std::uint64_t bytes) {
  if (bytes < 1024) return fmt::format("{} B", bytes);
  double value = static_cast<double>(bytes) / 1024;
  if (value < 1024) return fmt::format("{:.0f} KiB", value);
  constexpr std::array<const char*, 3> kLarger{"MiB", "GiB", "TiB"};
  std::size_t unit = 0;
  value /= 1024;
  while (value >= 1024 && unit + 1 < kLarger.size()) {
    value /= 1024;
    ++unit;
  }
  return fmt::format("{:.1f} {}", value, kLarger[unit]);
}

}  // namespace concur
