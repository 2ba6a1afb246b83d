#include "sanitizer_support.hpp"

#include <vector>

#include <fmt/format.h>

#include "registry/registry.hpp"

namespace concur::test {

bool sanitizer_follows(std::string_view model) {
  // ThreadSanitizer and Boost.Fiber: fibers switch stacks, and the scheduler hands them from
  // thread to thread inside libboost_fiber, which is not instrumented. TSan sees none of that
  // synchronisation and reports races that are not there (a scheduler allocated on one thread
  // and locked from another), so the fiber model is left out of the TSan build's tests.
  // (AddressSanitizer follows it: the ASan build runs every model.)
  //
  // Open MPI's libraries are not instrumented either: LeakSanitizer reports what MPI_Finalize
  // keeps on purpose, and ThreadSanitizer cannot see its progress threads synchronise. The mpi
  // model is left out of every sanitizer build's tests.
  if (!std::string_view(CONCUR_SANITIZER).empty() && model == "mpi") return false;
  return !(std::string_view(CONCUR_SANITIZER) == "thread" && model == "fiber");
}

std::string model_list(std::initializer_list<std::string_view> names) {
  std::vector<std::string_view> kept;
  for (const auto name : names)
    if (sanitizer_follows(name)) kept.push_back(name);
  return fmt::format("{}", fmt::join(kept, ","));
}

std::string models_under_test() {
  std::vector<std::string_view> kept;
  for (const auto& m : models())
    if (sanitizer_follows(m.name)) kept.push_back(m.name);
  return fmt::format("{}", fmt::join(kept, ","));
}

}  // namespace concur::test
