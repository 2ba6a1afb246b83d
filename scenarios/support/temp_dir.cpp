#include "scenarios/support/temp_dir.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <system_error>
#include <vector>

#include "sys/interrupt.hpp"

namespace concur {

TempDir::TempDir() : owner_pid_(::getpid()) {
  const char* base = std::getenv("TMPDIR");
  std::string pattern = std::string(base != nullptr && *base != '\0' ? base : "/tmp") + "/concur-demo.XXXXXX";
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  const InterruptsBlocked quiet;  // the directory and its entry in the scratch table appear together
  if (::mkdtemp(buffer.data()) == nullptr)
    throw std::system_error(errno, std::generic_category(), "cannot create a temporary directory in " + pattern);
  path_ = buffer.data();
  try {
    scratch_ = std::make_unique<ScratchPath>(path_);
  } catch (...) {
    ::rmdir(path_.c_str());
    throw;
  }
}

TempDir::~TempDir() {
  if (::getpid() != owner_pid_) return;
  const InterruptsBlocked quiet;
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
  scratch_.reset();
}

}  // namespace concur
