#include "core/suggest.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

#include <fmt/format.h>

namespace concur {
namespace {

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

// Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
// adjacent characters each cost one ("thraed" is one edit from "thread"). Case is ignored.
std::size_t distance(std::string_view a, std::string_view b) {
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= n; ++i)
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) && lower(a[i - 2]) == lower(b[j - 1]))
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[n][m];
}

// Typed text longer than any name is not a typo of one; comparing it would only cost time.
constexpr std::size_t kLongestTypo = 64;

}  // namespace

std::string nearest_name(std::string_view typed, std::span<const std::string_view> known) {
  if (typed.empty() || typed.size() > kLongestTypo) return {};
  std::string_view best;
  std::size_t best_distance = 0;
  for (const std::string_view name : known) {
    // A typed prefix of a single name ("asy" for "async") is as good a hint as a typo.
    const std::size_t d = name.size() > typed.size() && name.substr(0, typed.size()) == typed && typed.size() >= 2
                              ? 1
                              : distance(typed, name);
    if (best.empty() || d < best_distance) {
      best = name;
      best_distance = d;
    }
  }
  // Up to a third of the longer word may be wrong (at least one edit, at most three): "thred"
  // suggests "thread", but "x" suggests nothing.
  const std::size_t longer = std::max(typed.size(), best.size());
  const std::size_t allowed = std::clamp<std::size_t>(longer / 3, 1, 3);
  return !best.empty() && best_distance <= allowed ? std::string(best) : std::string();
}

std::string did_you_mean(std::string_view typed, std::span<const std::string_view> known) {
  const std::string name = nearest_name(typed, known);
  return name.empty() ? std::string() : fmt::format(" (did you mean '{}'?)", name);
}

}  // namespace concur
