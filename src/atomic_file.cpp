#include "atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <span>
#include <system_error>
#include <vector>

#include "wire.hpp"

namespace concur {

void write_file_atomically(const std::string& path, std::string_view content) {
  std::string pattern = path + ".tmp.XXXXXX";
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  const int fd = ::mkstemp(name.data());
  if (fd < 0) throw std::system_error(errno, std::generic_category(), "cannot write " + path);
  const auto bytes = std::as_bytes(std::span(content.data(), content.size()));
  const bool ok = write_all(fd, bytes) && ::fchmod(fd, 0644) == 0 && ::fsync(fd) == 0;
  const int err = errno;
  ::close(fd);
  if (!ok || ::rename(name.data(), path.c_str()) != 0) {
    const int rename_err = ok ? errno : err;
    ::unlink(name.data());
    throw std::system_error(rename_err, std::generic_category(), "cannot write " + path);
  }
}

}  // namespace concur
