#include "scenarios/support/temp_dir.hpp"

#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <system_error>
#include <vector>

#include <fmt/format.h>

#include "core/parse.hpp"
#include "core/usage_error.hpp"
#include "sys/interrupt.hpp"
#include "sys/stale_scratch.hpp"

namespace concur {
namespace {

constexpr std::string_view kScratchStem = "concur-demo.";

}  // namespace

TempDir::TempDir() : owner_pid_(::getpid()) {
  // "concur-demo.<pid>.XXXXXX", locked while it exists: if this run is killed, the next one
  // knows the directory for stale and removes it (stale_scratch.hpp).
  std::string pattern = scratch_base() + "/" + scratch_name_prefix(kScratchStem) + "XXXXXX";
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  const InterruptsBlocked quiet;  // the directory and its entry in the scratch table appear together
  if (::mkdtemp(buffer.data()) == nullptr) {
    const int error = errno;
    // A TMPDIR that is missing, not a directory or not writable is the user's setting to fix.
    if (error == ENOENT || error == ENOTDIR || error == EACCES || error == EROFS)
      throw UsageError(fmt::format("TMPDIR '{}': {}; set TMPDIR to a directory you can write",
                                   printable(scratch_base()), std::generic_category().message(error)));
    throw std::system_error(error, std::generic_category(), "cannot create a temporary directory in " + pattern);
  }
  path_ = buffer.data();
  lock_ = lock_scratch_path(path_);
  try {
    scratch_ = std::make_unique<ScratchPath>(path_);
  } catch (...) {
    if (lock_ >= 0) ::close(lock_);
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
  if (lock_ >= 0) ::close(lock_);
}

void remove_stale_temp_dirs() { remove_stale_scratch(scratch_base(), kScratchStem); }

}  // namespace concur
