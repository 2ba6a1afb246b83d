#include "sys/open_descriptors.hpp"

#include <dirent.h>
#include <unistd.h>

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <iterator>

#include <fmt/format.h>

namespace concur {

std::vector<int> open_descriptors() {
  std::vector<int> fds;
  DIR* dir = ::opendir("/proc/self/fd");
  if (dir == nullptr) return fds;
  const int own = ::dirfd(dir);
  while (const dirent* entry = ::readdir(dir)) {
    if (entry->d_name[0] == '.') continue;
    const int fd = std::atoi(entry->d_name);
    if (fd != own) fds.push_back(fd);
  }
  ::closedir(dir);
  std::sort(fds.begin(), fds.end());
  return fds;
}

std::string descriptors_left_open(const std::vector<int>& before, const std::vector<int>& now) {
  std::vector<int> added;
  std::set_difference(now.begin(), now.end(), before.begin(), before.end(), std::back_inserter(added));
  if (added.empty()) return {};
  std::vector<std::string> shown;
  for (const int fd : added) {
    char target[PATH_MAX] = {};
    const ssize_t n = ::readlink(fmt::format("/proc/self/fd/{}", fd).c_str(), target, sizeof target - 1);
    shown.push_back(n > 0 ? fmt::format("{} -> {}", fd, std::string_view(target, static_cast<std::size_t>(n)))
                          : fmt::format("{}", fd));
  }
  return fmt::format("{} left open: {}", added.size(), fmt::join(shown, ", "));
}

}  // namespace concur
