// Facts about the machine, read once for the report header.
#pragma once

#include "core/results.hpp"

namespace concur {

/// Cores, CPU model, kernel, compiler, Boost version and build type of this run.
MachineInfo probe_machine();

/// Hardware threads available to this process (at least 1).
unsigned hardware_threads();

}  // namespace concur
