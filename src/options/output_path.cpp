#include "options/output_path.hpp"

#include <sys/stat.h>

#include <filesystem>
#include <system_error>

#include <fmt/format.h>

#include "core/usage_error.hpp"
#include "sys/atomic_file.hpp"

namespace concur {

void check_output_path(const std::string& path, std::string_view option) {
  namespace fs = std::filesystem;
  const fs::path p(path);
  const fs::path dir = p.has_parent_path() ? p.parent_path() : fs::path(".");
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
    throw UsageError(fmt::format("invalid {} '{}': directory '{}' does not exist (create it first or choose another)",
                                 option, path, dir.string()));
  if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
    throw UsageError(fmt::format("invalid {} '{}': is a directory (give a file name)", option, path));
  // The report replaces the file whole (a rename): over a device such as /dev/null that would
  // put a plain file where the device was.
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode))
    throw UsageError(
        fmt::format("invalid {} '{}': not a regular file (leave out {} to print the report)", option, path, option));
  try {
    check_atomic_write_possible(path);
  } catch (const std::system_error& e) {
    throw UsageError(fmt::format("invalid {} '{}': cannot create a file in '{}': {} (choose a writable directory)",
                                 option, path, dir.string(), e.code().message()));
  }
}

}  // namespace concur
