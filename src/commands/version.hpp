// `concur-demo --version`: what was built, with what, so two students comparing timings can
// first compare builds.
#pragma once

#include <string>

namespace concur {

/// "concur-demo 0.1.0 (g++ 12.2.0, Boost 1.81, Release)".
std::string version_text();

}  // namespace concur
