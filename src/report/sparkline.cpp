#include "report/sparkline.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>

namespace concur {
namespace {

constexpr std::array<std::string_view, 8> kLevels{"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};

}  // namespace

std::string sparkline(const std::vector<double>& values, double top) {
  std::string out;
  for (const double v : values) {
    if (top <= 0 || v < top / 16) {
      out += ' ';
      continue;
    }
    const auto level = std::clamp(static_cast<int>(std::ceil(v / top * 8.0 - 1e-9)), 1, 8);
    out += kLevels[static_cast<std::size_t>(level - 1)];
  }
  return out;
}

}  // namespace concur
