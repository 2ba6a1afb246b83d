// The one list of models and scenarios. Help, `list`, `explain`, validation and the
// conformance tests all read it; nothing else in the project may enumerate them.
#pragma once

#include <span>
#include <string_view>

#include "models/model.hpp"
#include "scenarios/scenario.hpp"

namespace concur {

/// Every model, in the order rows are printed (sequential first: it is the baseline).
std::span<const ModelInfo> models();

/// Every scenario, in the order `all` runs them.
std::span<const ScenarioInfo> scenarios();

/// The model called `name`, or nullptr.
const ModelInfo* find_model(std::string_view name);

/// The scenario called `name`, or nullptr.
const ScenarioInfo* find_scenario(std::string_view name);

}  // namespace concur
