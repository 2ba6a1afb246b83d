// One row of eight bar heights, for the in-flight and cores-busy lanes of a timeline (printed
// and live alike).
#pragma once

#include <string>
#include <vector>

namespace concur {

/// Eight heights relative to `top`; a value under 1/16 of it is drawn blank, not as the lowest bar.
std::string sparkline(const std::vector<double>& values, double top);

}  // namespace concur
