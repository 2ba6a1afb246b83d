#include "options/model_selection.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "core/parse.hpp"
#include "core/suggest.hpp"
#include "registry/registry.hpp"

namespace concur {
namespace {

void add(std::vector<const ModelInfo*>& chosen, const ModelInfo* m) {
  if (std::find(chosen.begin(), chosen.end(), m) == chosen.end()) chosen.push_back(m);
}

std::vector<const ModelInfo*> named(std::string_view text) {
  std::vector<const ModelInfo*> chosen;
  std::vector<std::string> seen;
  for (const auto& name : parse_list(text, "--model")) {
    if (std::find(seen.begin(), seen.end(), name) != seen.end())
      throw ParseError(fmt::format("model '{}' is named twice in --model (name each model once)", name));
    seen.push_back(name);
    if (name == "all" || name == "py") {
      const ModelKind kind = name == "all" ? ModelKind::core : ModelKind::reference;
      for (const auto& m : models())
        if (m.kind == kind) add(chosen, &m);
      continue;
    }
    const ModelInfo* m = find_model(name);
    if (m == nullptr) {
      std::vector<std::string_view> valid;
      for (const auto& each : models()) valid.push_back(each.name);
      const std::string hint = did_you_mean(name, valid);
      throw ParseError(fmt::format("unknown model '{}'{} (models: {}; all, py)", name, hint, fmt::join(valid, ", ")));
    }
    add(chosen, m);
  }
  return chosen;
}

}  // namespace

ModelSelection select_models(std::string_view text, std::span<const std::string_view> also) {
  std::vector<const ModelInfo*> chosen = named(text);
  for (const auto name : also) add(chosen, find_model(name));
  const bool opt_in =
      std::any_of(chosen.begin(), chosen.end(), [](const ModelInfo* m) { return m->kind != ModelKind::core; });
  if (opt_in) {
    const auto asked = chosen;
    for (const ModelInfo* m : asked)
      if (const ModelInfo* base = find_model(m->baseline)) add(chosen, base);
  }
  ModelSelection selection;
  std::map<std::string, std::vector<std::string_view>> skipped;  // reason → models
  for (const ModelInfo* m : chosen) {
    const std::string why = m->unavailable != nullptr ? m->unavailable() : std::string();
    if (why.empty()) {
      selection.models.push_back(m);
    } else {
      skipped[why].push_back(m->name);
    }
  }
  for (const auto& [why, names] : skipped)
    selection.notes.push_back(fmt::format("{}: skipped {}", why, fmt::join(names, ", ")));
  // Rows always come in registry order, so the baselines lead every table.
  std::sort(selection.models.begin(), selection.models.end());
  return selection;
}

}  // namespace concur
