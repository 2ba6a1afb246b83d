#include "models/support/creation_failure.hpp"

#include <new>
#include <system_error>

#include <fmt/format.h>

#include "core/parse.hpp"

namespace concur {

std::runtime_error creation_failure(std::string_view what, std::size_t made, std::string_view unit,
                                    std::string_view why) {
  return std::runtime_error(
      fmt::format("{} failed after {} {}: {}", what, format_count(static_cast<std::int64_t>(made)), unit, why));
}

std::runtime_error creation_failure(std::string_view what, std::size_t made, std::string_view unit,
                                    const std::exception& error) {
  // system_error's what() prefixes its own context ("thread: ..."); the code's text alone reads better.
  if (const auto* e = dynamic_cast<const std::system_error*>(&error))
    return creation_failure(what, made, unit, e->code().message());
  if (dynamic_cast<const std::bad_alloc*>(&error) != nullptr)
    return creation_failure(what, made, unit, "out of memory");
  return creation_failure(what, made, unit, std::string_view(error.what()));
}

}  // namespace concur
