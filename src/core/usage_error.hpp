// The one kind of error a user's input can cause: it prints as a single line on stderr and
// the tool exits with code 2, before anything is measured.
#pragma once

#include <stdexcept>

namespace concur {

/// Bad input (a value, a path, an option the command does not take, a run this machine cannot
/// do); what() is the single line to print. Exit code 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace concur
