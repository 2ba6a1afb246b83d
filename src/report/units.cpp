#include "report/units.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include <fmt/format.h>

#include "core/parse.hpp"

namespace concur {
namespace {

// Rounding to significant digits first means the unit is chosen from the value that will
// be printed, so 0.99996 s reads "1.000 s" rather than "1000.0 ms".
double round_significant(double value, int digits) {
  if (value == 0) return 0;
  const double magnitude = std::floor(std::log10(std::fabs(value)));
  const double scale = std::pow(10.0, digits - 1 - magnitude);
  return std::round(value * scale) / scale;
}

// Decimals that leave `significant` digits for a value in [0, 1000).
int decimals_for(double value, int significant) {
  const int integer_digits = value >= 100 ? 3 : value >= 10 ? 2 : 1;
  return significant > integer_digits ? significant - integer_digits : 0;
}

}  // namespace

std::string format_seconds(double seconds) {
  if (!std::isfinite(seconds)) return "–";
  // fmt rather than "-" + string: GCC 12 warns falsely (-Wrestrict) on a literal plus a temporary.
  if (seconds < 0) return fmt::format("-{}", format_seconds(-seconds));
  if (seconds == 0) return "0 s";
  struct Unit {
    double scale;
    const char* name;
    int significant;  // below a millisecond, timer jitter makes a fourth digit noise
  };
  static constexpr std::array<Unit, 4> units{{{.scale = 1, .name = "s", .significant = 4},
                                              {.scale = 1e-3, .name = "ms", .significant = 4},
                                              {.scale = 1e-6, .name = "µs", .significant = 3},
                                              {.scale = 1e-9, .name = "ns", .significant = 3}}};
  const double rounded = round_significant(seconds, 4);
  const Unit* unit = &units.back();
  for (const Unit& candidate : units) {
    if (rounded >= candidate.scale) {
      unit = &candidate;
      break;
    }
  }
  const double value = rounded / unit->scale;
  return fmt::format("{:.{}f} {}", value, decimals_for(value, unit->significant), unit->name);
}

std::string format_seconds_range(double min_s, double max_s) {
  const std::string low = format_seconds(min_s);
  const std::string high = format_seconds(max_s);
  const auto low_space = low.rfind(' ');
  const auto high_space = high.rfind(' ');
  if (low_space != std::string::npos && high_space != std::string::npos &&
      low.substr(low_space) == high.substr(high_space)) {
    return low.substr(0, low_space) + "–" + high;
  }
  return low + "–" + high;
}

std::string format_kib(std::int64_t kib) {
  if (kib < 0) return "–";
  if (kib < 1024) return fmt::format("{} KiB", kib);
  double value = static_cast<double>(kib) / 1024;
  const char* unit = "MiB";
  if (value >= 1024) {
    value /= 1024;
    unit = "GiB";
  }
  return fmt::format("{:.{}f} {}", value, value < 100 ? 1 : 0, unit);
}

std::string format_speedup(double factor) {
  if (!std::isfinite(factor)) return "–";
  // The digits are chosen from the rounded value, the printing rounds the value itself once: a
  // second rounding would turn 0.8847 into 0.885 and then "0.89", where a takeaway says 0.88.
  const double rounded = round_significant(factor, 3);
  const int decimals = rounded >= 1000 ? 0 : decimals_for(rounded, 3);
  return fmt::format("{:.{}f}×", decimals == 0 ? rounded : factor, decimals);
}

std::string format_utilisation(double ratio) {
  if (!std::isfinite(ratio)) return "–";
  return fmt::format("{:.2f}", ratio);
}

std::string format_percent(double fraction) {
  if (!std::isfinite(fraction)) return "–";
  const double pct = fraction * 100;
  if (pct == 0) return "0 %";
  if (pct < 0.001) return "< 0.001 %";
  const double rounded = round_significant(pct, 2);
  const int decimals = std::max(0, 1 - static_cast<int>(std::floor(std::log10(rounded))));
  return fmt::format("{:.{}f} %", rounded, decimals);
}

std::string format_quantity(double value, Quantity quantity) {
  if (!std::isfinite(value)) return "–";
  switch (quantity) {
    case Quantity::seconds:
      return format_seconds(value);
    case Quantity::microseconds:
      return format_seconds(value * 1e-6);
    case Quantity::kib:
      // Below 1 MiB keep three significant digits: memory per task is often a few KiB.
      if (std::fabs(value) < 1024) {
        const double rounded = round_significant(value, 3);
        const double magnitude = rounded == 0 ? 0 : std::floor(std::log10(std::fabs(rounded)));
        return fmt::format("{:.{}f} KiB", rounded, static_cast<int>(std::max(0.0, 2 - magnitude)));
      }
      return format_kib(std::llround(value));
    case Quantity::bytes: {
      // Whole units as typed ("4MiB"); anything else (a linear axis tick) in the short KiB form.
      const auto bytes = static_cast<std::uint64_t>(std::llround(std::max(0.0, value)));
      return bytes % 1024 == 0 || bytes < 1024 ? format_size(bytes) : format_kib(std::llround(value / 1024));
    }
    case Quantity::count:
      break;
  }
  if (value == std::round(value) && std::fabs(value) < 1e15) return fmt::format("{}", std::llround(value));
  return fmt::format("{:.3g}", value);
}

std::string param_label(std::string_view key) {
  static constexpr std::array<std::string_view, 10> unit_suffixes{"_s",     "_ms",  "_us",  "_ns",  "_b",
                                                                  "_bytes", "_kib", "_mib", "_gib", "_pct"};
  for (std::string_view suffix : unit_suffixes) {
    if (key.size() > suffix.size() && key.substr(key.size() - suffix.size()) == suffix) {
      key.remove_suffix(suffix.size());
      break;
    }
  }
  std::string label(key);
  for (char& c : label) {
    if (c == '_') c = ' ';
  }
  return label;
}

}  // namespace concur
