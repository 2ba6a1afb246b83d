// `concur-demo list`: scenarios and models with one line each, straight from the registry.
#pragma once

#include <ostream>

namespace concur {

/// Prints every scenario and model with its blurb.
void print_list(std::ostream& out);

}  // namespace concur
