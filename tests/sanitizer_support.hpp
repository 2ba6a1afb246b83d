// Where a sanitizer cannot follow a model, the tests of that build leave out that model only.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

namespace concur::test {

/// Whether this build's sanitizer (CONCUR_SANITIZER) can judge runs of `model` honestly.
bool sanitizer_follows(std::string_view model);

/// `names` less the models this build's sanitizer cannot follow, comma-separated for --model.
std::string model_list(std::initializer_list<std::string_view> names);

/// Every registered model this build's sanitizer can follow, comma-separated for --model.
std::string models_under_test();

}  // namespace concur::test
