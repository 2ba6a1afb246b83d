// What the mpi model refuses to run where it is placed, before anything is built or measured:
// work that the ranks on other machines could not reach.
#pragma once

#include <string>
#include <string_view>

#include "models/model.hpp"

namespace concur {

/// Why `scenario` with `options` cannot run under mpi placed by `placement` (empty: it can).
std::string mpi_refuses(std::string_view scenario, const ScenarioOptions& options, const Placement& placement);

}  // namespace concur
