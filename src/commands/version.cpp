#include "commands/version.hpp"

#include <fmt/format.h>

#include "measure/machine.hpp"

namespace concur {

std::string version_text() {
  const MachineInfo m = probe_machine();
  return fmt::format("concur-demo {} ({}, Boost {}, {})", CONCUR_VERSION, m.compiler, m.boost, m.build);
}

}  // namespace concur
