#include "options/output_path.hpp"

#include <sys/stat.h>

#include <system_error>

#include <fmt/format.h>

#include "core/parse.hpp"
#include "core/usage_error.hpp"
#include "sys/atomic_file.hpp"

namespace concur {

void check_output_path(const std::string& path, std::string_view option) {
  const auto bad = [&](const std::string& why) {
    return UsageError(fmt::format("invalid {} '{}': {}", option, printable(path), why));
  };
  OutputTarget target;
  try {
    target = resolve_output(path);
  } catch (const std::system_error& e) {
    throw bad(fmt::format("{} (give a file name)", e.code().message()));
  }
  if (target.kind == OutputTarget::Kind::replace) {
    const auto slash = target.path.rfind('/');
    const std::string dir = slash == std::string::npos ? std::string(".")
                            : slash == 0               ? std::string("/")
                                                       : target.path.substr(0, slash);
    struct stat st {};
    if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
      throw bad(fmt::format("directory '{}' does not exist (create it first or choose another)", printable(dir)));
  }
  struct stat st {};
  if (target.kind == OutputTarget::Kind::direct && ::stat(target.path.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
    throw bad("is a directory (give a file name)");
  try {
    check_atomic_write_possible(path);
  } catch (const std::system_error& e) {
    throw bad(fmt::format("{} (choose a file you can write)", printable(e.what())));
  }
}

}  // namespace concur
