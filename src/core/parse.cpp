#include "core/parse.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>

#include <fmt/format.h>

namespace concur {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

struct Unit {
  std::string_view suffix;
  double factor;
};

// Splits "12.5ms" into a non-negative decimal number and the unit after it. from_chars for
// double accepts "inf", "nan" and exponents; we only let plain digits and one dot through, so
// "1e400s" and "infs" are errors rather than surprising values.
bool split_number(std::string_view text, double& number, std::string_view& unit) {
  std::size_t i = 0;
  bool digits = false, dot = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digits = true;
    } else if (c == '.' && !dot) {
      dot = true;
    } else {
      break;
    }
  }
  if (!digits) return false;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + i, number);
  if (ec != std::errc{} || end != text.data() + i || !std::isfinite(number)) return false;
  unit = text.substr(i);
  return true;
}

template <std::size_t N>
const Unit* find_unit(const std::array<Unit, N>& units, std::string_view suffix) {
  for (const auto& u : units)
    if (u.suffix == suffix) return &u;
  return nullptr;
}

}  // namespace

std::chrono::nanoseconds parse_duration(std::string_view text) {
  static constexpr std::array<Unit, 6> kUnits{
      {{"ns", 1.0}, {"us", 1e3}, {"µs", 1e3}, {"ms", 1e6}, {"s", 1e9}, {"m", 60e9}}};
  const auto trimmed = trim(text);
  const auto bad = [&](std::string_view why) {
    return ParseError(fmt::format("invalid duration '{}': {} (use e.g. 100ms, 1.5s, 250us; at most 24h)", text, why));
  };
  if (!trimmed.empty() && trimmed.front() == '-') throw bad("must not be negative");
  double number = 0;
  std::string_view unit;
  if (!split_number(trimmed, number, unit)) throw bad("expected a number followed by a unit");
  if (unit.empty()) throw bad("a unit is required");
  std::string_view suffix = unit;
  if (suffix == "h") {
    number *= 3600e9;
  } else if (const Unit* u = find_unit(kUnits, suffix)) {
    number *= u->factor;
  } else {
    throw bad(fmt::format("unknown unit '{}'", suffix));
  }
  if (number > 24.0 * 3600e9) throw bad("too long");
  return std::chrono::nanoseconds(static_cast<std::int64_t>(std::llround(number)));
}

std::uint64_t parse_size(std::string_view text) {
  static constexpr std::array<Unit, 10> kUnits{{{"", 1.0},
                                                {"B", 1.0},
                                                {"KiB", 1024.0},
                                                {"MiB", 1024.0 * 1024},
                                                {"GiB", 1024.0 * 1024 * 1024},
                                                {"KB", 1e3},
                                                {"kB", 1e3},
                                                {"MB", 1e6},
                                                {"GB", 1e9},
                                                {"K", 1024.0}}};
  constexpr double kMax = 64.0 * 1024 * 1024 * 1024;
  const auto trimmed = trim(text);
  const auto bad = [&](std::string_view why) {
    return ParseError(fmt::format("invalid size '{}': {} (use e.g. 4MiB, 512KiB, 1GiB, 4096; 1B to 64GiB)", text, why));
  };
  if (!trimmed.empty() && trimmed.front() == '-') throw bad("must not be negative");
  double number = 0;
  std::string_view unit;
  if (!split_number(trimmed, number, unit)) throw bad("expected a number with an optional unit");
  const Unit* u = find_unit(kUnits, unit);
  if (u == nullptr) throw bad(fmt::format("unknown unit '{}'", unit));
  const double bytes = std::floor(number * u->factor);
  if (bytes < 1) throw bad("must be at least 1 byte");
  if (bytes > kMax) throw bad("too large");
  return static_cast<std::uint64_t>(bytes);
}

std::int64_t parse_count(std::string_view text, std::int64_t min, std::int64_t max, std::string_view what) {
  const auto trimmed = trim(text);
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(trimmed.data(), trimmed.data() + trimmed.size(), value);
  const auto bad = [&](std::string_view why) {
    return ParseError(fmt::format("invalid {} '{}': {} (a whole number from {} to {})", what, text, why, min, max));
  };
  if (trimmed.empty() || (ec != std::errc{} && ec != std::errc::result_out_of_range) ||
      end != trimmed.data() + trimmed.size())
    throw bad("not a whole number");
  // A number too negative for 64 bits is out of range too: below the range, not above it.
  const bool negative = trimmed.front() == '-';
  if ((ec == std::errc::result_out_of_range && negative) || (ec == std::errc{} && value < min))
    throw bad(fmt::format("must be at least {}", min));
  if (ec == std::errc::result_out_of_range || value > max) throw bad("too large");
  return value;
}

std::vector<std::string> parse_list(std::string_view text, std::string_view what) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (true) {
    const auto comma = text.find(',', start);
    const auto item = trim(text.substr(start, comma == std::string_view::npos ? comma : comma - start));
    if (item.empty())
      throw ParseError(
          fmt::format("invalid {} '{}': empty name in the list (names separated by commas, none empty)", what, text));
    items.emplace_back(item);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return items;
}

std::string format_duration(std::chrono::nanoseconds d) {
  const auto ns = d.count();
  if (ns == 0) return "0ms";
  if (ns % 1'000'000'000 == 0) return fmt::format("{}s", ns / 1'000'000'000);
  if (ns >= 1'000'000'000) return fmt::format("{:g}s", static_cast<double>(ns) / 1e9);
  if (ns % 1'000'000 == 0) return fmt::format("{}ms", ns / 1'000'000);
  if (ns >= 1'000'000) return fmt::format("{:g}ms", static_cast<double>(ns) / 1e6);
  if (ns % 1'000 == 0) return fmt::format("{}us", ns / 1'000);
  return fmt::format("{}ns", ns);
}

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (u < 0x20 || u == 0x7f) {
      out += fmt::format("\\x{:02x}", u);
    } else {
      out += c;  // printable ASCII and UTF-8 bytes (µs, ×) pass unchanged
    }
  }
  return out;
}

std::string format_count(std::int64_t n) {
  const std::string digits = std::to_string(n < 0 ? -static_cast<std::uint64_t>(n) : static_cast<std::uint64_t>(n));
  std::string out;
  out.reserve(digits.size() + digits.size() / 3 + 1);
  if (n < 0) out.push_back('-');
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

std::string format_size(std::uint64_t bytes) {
  static constexpr std::array<std::pair<std::string_view, std::uint64_t>, 3> kUnits{
      {{"GiB", 1ull << 30}, {"MiB", 1ull << 20}, {"KiB", 1ull << 10}}};
  for (const auto& [name, factor] : kUnits)
    if (bytes >= factor && bytes % factor == 0) return fmt::format("{}{}", bytes / factor, name);
  return fmt::format("{}B", bytes);
}

}  // namespace concur
