#include "report/paint.hpp"

#include <fmt/format.h>

namespace concur {

std::string paint(std::string_view text, fmt::text_style style, bool color) {
  if (!color || text.empty()) return std::string(text);
  // styled, not fmt::format(style, …): that one compiles fmt's whole engine into its unit.
  return fmt::format("{}", fmt::styled(text, style));
}

}  // namespace concur
