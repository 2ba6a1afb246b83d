#include "sys/stale_scratch.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <system_error>

namespace concur {
namespace {

// The process id in "<stem><pid>.<rest>", or 0 when the name is not one of ours.
pid_t owner_in_name(std::string_view name, std::string_view stem) {
  if (name.substr(0, stem.size()) != stem) return 0;
  name.remove_prefix(stem.size());
  const auto dot = name.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == name.size()) return 0;
  pid_t pid = 0;
  const auto [end, ec] = std::from_chars(name.data(), name.data() + dot, pid);
  if (ec != std::errc{} || end != name.data() + dot || pid <= 0) return 0;
  return pid;
}

// kill(pid, 0) fails with ESRCH only when no such process exists in this PID namespace; EPERM
// means it exists (another user's).
bool process_gone(pid_t pid) { return ::kill(pid, 0) != 0 && errno == ESRCH; }

}  // namespace

std::string scratch_base() {
  const char* base = std::getenv("TMPDIR");
  return base != nullptr && *base != '\0' ? base : "/tmp";
}

std::string scratch_name_prefix(std::string_view stem) { return std::string(stem) + std::to_string(::getpid()) + "."; }

int lock_scratch_path(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return -1;
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

void remove_stale_scratch(const std::string& dir, std::string_view stem) {
  const std::unique_ptr<DIR, int (*)(DIR*)> handle(::opendir(dir.c_str()), ::closedir);
  if (!handle) return;
  while (const dirent* entry = ::readdir(handle.get())) {
    const pid_t owner = owner_in_name(entry->d_name, stem);
    if (owner == 0 || owner == ::getpid() || !process_gone(owner)) continue;
    const std::string path = dir + "/" + entry->d_name;
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0 || st.st_uid != ::geteuid()) continue;
    if (!S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode)) continue;
    // Held while removing: a run that somehow still uses it (its lock) is never raced.
    const int lock = lock_scratch_path(path);
    if (lock < 0) continue;
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
    ::close(lock);
  }
}

}  // namespace concur
