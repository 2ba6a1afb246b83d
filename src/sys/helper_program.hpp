// The tool's helper programs (the mpi model's rank program, the fork model's parent process):
// separate executables that a build puts beside concur-demo and an install puts in
// libexec/concur-demo/, found from the running executable, never from the source tree or PATH.
#pragma once

#include <string>
#include <string_view>

namespace concur {

/// The helper program `name` beside this executable (a build tree, or bin/ of an install) or in
/// ../libexec/concur-demo/; empty when there is none.
std::string find_helper_program(std::string_view name);

}  // namespace concur
