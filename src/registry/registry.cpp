#include "registry/registry.hpp"

#include <algorithm>
#include <vector>

namespace concur {

// Each model and scenario file defines one of these; adding one = its file + one line here
// (and its source line in CMakeLists.txt).
ModelInfo sequential_model();
ModelInfo thread_model();
ModelInfo fork_model();
ModelInfo pool_model();
ModelInfo async_model();
ModelInfo async_blocking_model();
ModelInfo async_offload_model();
ModelInfo async_cospawn_model();
ModelInfo fiber_model();
ModelInfo py_sequential_model();
ModelInfo py_thread_model();
ModelInfo py_process_model();
ModelInfo py_async_model();
ModelInfo mpi_model();
ScenarioInfo sleep_scenario();
ScenarioInfo files_scenario();
ScenarioInfo factorial_scenario();
ScenarioInfo count_scenario();

std::span<const ModelInfo> models() {
  // Variants follow the model they vary; the Python reference rows and mpi, which runs beyond this
  // process tree, come last.
  static const std::vector<ModelInfo> all{
      sequential_model(),     thread_model(),        fork_model(),          pool_model(),  async_model(),
      async_blocking_model(), async_offload_model(), async_cospawn_model(), fiber_model(), py_sequential_model(),
      py_thread_model(),      py_process_model(),    py_async_model(),      mpi_model()};
  return all;
}

std::span<const ScenarioInfo> scenarios() {
  static const std::vector<ScenarioInfo> all{sleep_scenario(), files_scenario(), factorial_scenario(),
                                             count_scenario()};
  return all;
}

const ModelInfo* find_model(std::string_view name) {
  const auto all = models();
  const auto it = std::find_if(all.begin(), all.end(), [&](const ModelInfo& m) { return m.name == name; });
  return it == all.end() ? nullptr : &*it;
}

const ScenarioInfo* find_scenario(std::string_view name) {
  const auto all = scenarios();
  const auto it = std::find_if(all.begin(), all.end(), [&](const ScenarioInfo& s) { return s.name == name; });
  return it == all.end() ? nullptr : &*it;
}

}  // namespace concur
