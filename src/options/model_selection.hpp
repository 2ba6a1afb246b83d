// Which models a command runs: the names after --model, the group words `all` (the core models)
// and `py` (the Python reference rows), the pitfall flags, and the baselines that opt-in rows
// are compared with. Everything comes from the registry.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "models/model.hpp"

namespace concur {

/// The models to run and what was left out.
struct ModelSelection {
  std::vector<const ModelInfo*> models;  ///< in registry order (baselines first)
  std::vector<std::string> notes;        ///< one line per reason a requested model was skipped
};

/// Resolves `text` (comma-separated names, `all` or `py`) plus `also` (models added by flags).
/// When any opt-in row (a variant or a reference) is chosen, every chosen row's baseline is added,
/// since those rows exist to be compared. Models unavailable here are dropped with a note.
/// Throws ParseError for an unknown or repeated name.
ModelSelection select_models(std::string_view text, std::span<const std::string_view> also);

}  // namespace concur
