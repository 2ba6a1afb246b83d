// The Python reference program (scenarios/python/reference.py), compiled into the binary by
// CMake so the tool can run it from any directory without installing anything beside itself.
#pragma once

#include <string_view>

namespace concur {

/// The text of scenarios/python/reference.py as it was at build time.
std::string_view python_reference_source();

}  // namespace concur
