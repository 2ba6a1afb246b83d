#include "core/counted.hpp"

#include <fmt/format.h>

namespace concur {

std::string counted(std::int64_t n, std::string_view noun) {
  return fmt::format("{} {}{}", n, noun, n == 1 ? "" : "s");
}

}  // namespace concur
