// `concur-demo sweep`: builds one scenario per value, measures them all interleaved, and
// reports one table (values × models), a terminal chart and optionally an SVG chart.
#pragma once

#include "cli/app.hpp"

namespace concur {

/// Runs the sweep `inv` asks for and writes its report; returns the exit code (1 when a row
/// failed verification). Throws UsageError for input found bad only while building scenarios.
int run_sweep(const Invocation& inv);

}  // namespace concur
