#include "sys/scratch_paths.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <climits>
#include <csignal>
#include <cstring>
#include <stdexcept>

namespace concur {
namespace {

// A handful is plenty: one temp dir per scenario of a run, and the -o file's temporary.
constexpr int kSlots = 16;

struct Slot {
  volatile std::sig_atomic_t used = 0;
  char path[PATH_MAX] = {};
};
Slot table[kSlots];

// Where the files scenario writes is one flat directory; a little depth costs nothing and
// keeps the cleanup right if a scenario ever nests.
constexpr int kMaxDepth = 4;

void empty_directory(int dir, int depth) noexcept {
  alignas(8) char buffer[4096];
  // Removing entries while reading the directory may make getdents skip some: read again
  // from the start until a pass finds nothing to remove.
  for (bool removed = true; removed;) {
    removed = false;
    ::lseek(dir, 0, SEEK_SET);
    for (ssize_t n; (n = ::getdents64(dir, buffer, sizeof buffer)) > 0;) {
      for (ssize_t offset = 0; offset < n;) {
        const auto* entry = reinterpret_cast<const dirent64*>(buffer + offset);
        offset += entry->d_reclen;
        const char* name = entry->d_name;
        if (std::strcmp(name, ".") == 0 || std::strcmp(name, "..") == 0) continue;
        if (::unlinkat(dir, name, 0) == 0) {
          removed = true;
        } else if (errno == EISDIR && depth < kMaxDepth) {
          const int sub = ::openat(dir, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
          if (sub >= 0) {
            empty_directory(sub, depth + 1);
            ::close(sub);
          }
          removed = ::unlinkat(dir, name, AT_REMOVEDIR) == 0 || removed;
        }
      }
    }
  }
}

}  // namespace

ScratchPath::ScratchPath(const std::string& path) : slot_(-1) {
  if (path.size() >= PATH_MAX) throw std::length_error("scratch path too long: " + path);
  for (int i = 0; i < kSlots && slot_ < 0; ++i)
    if (table[i].used == 0) slot_ = i;
  if (slot_ < 0) throw std::length_error("too many scratch paths at once");
  std::memcpy(table[slot_].path, path.c_str(), path.size() + 1);
  table[slot_].used = 1;  // after the copy: the handler never sees half a path
}

ScratchPath::~ScratchPath() { table[slot_].used = 0; }

void remove_scratch_paths_now() noexcept {
  for (auto& slot : table) {
    if (slot.used == 0) continue;
    struct stat st {};
    if (::lstat(slot.path, &st) != 0) continue;
    if (S_ISDIR(st.st_mode)) {
      const int dir = ::open(slot.path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (dir >= 0) {
        empty_directory(dir, 0);
        ::close(dir);
      }
      ::rmdir(slot.path);
    } else {
      ::unlink(slot.path);
    }
  }
}

}  // namespace concur
