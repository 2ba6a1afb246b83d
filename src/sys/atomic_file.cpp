#include "sys/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <memory>
#include <span>
#include <system_error>
#include <vector>

#include "sys/interrupt.hpp"
#include "sys/scratch_paths.hpp"
#include "sys/wire.hpp"

namespace concur {
namespace {

// A temporary file beside the target, known to the interrupt handler while it exists.
class SiblingTemporary {
 public:
  explicit SiblingTemporary(const std::string& target) {
    const std::string pattern = target + ".tmp.XXXXXX";
    name_.assign(pattern.begin(), pattern.end());
    name_.push_back('\0');
    const InterruptsBlocked quiet;
    fd_ = ::mkstemp(name_.data());
    if (fd_ < 0) throw std::system_error(errno, std::generic_category(), "cannot write " + target);
    scratch_ = std::make_unique<ScratchPath>(name_.data());
  }
  ~SiblingTemporary() {
    const InterruptsBlocked quiet;
    if (fd_ >= 0) ::close(fd_);
    if (!renamed_) ::unlink(name_.data());
  }
  SiblingTemporary(const SiblingTemporary&) = delete;
  SiblingTemporary& operator=(const SiblingTemporary&) = delete;

  [[nodiscard]] int fd() const { return fd_; }
  // Closes the file, reporting close's error (NFS reports write errors there).
  bool close() {
    const int fd = fd_;
    fd_ = -1;
    return ::close(fd) == 0;
  }
  // Renames it over `target`; from then on it is the user's file, not scratch.
  bool rename_to(const std::string& target) {
    const InterruptsBlocked quiet;
    renamed_ = ::rename(name_.data(), target.c_str()) == 0;
    if (renamed_) scratch_.reset();
    return renamed_;
  }

 private:
  std::vector<char> name_;
  int fd_ = -1;
  bool renamed_ = false;
  std::unique_ptr<ScratchPath> scratch_;
};

}  // namespace

void write_file_atomically(const std::string& path, std::string_view content) {
  SiblingTemporary temp(path);
  const auto bytes = std::as_bytes(std::span(content.data(), content.size()));
  const bool written = write_all(temp.fd(), bytes) && ::fchmod(temp.fd(), 0644) == 0 && ::fsync(temp.fd()) == 0;
  const int err = errno;
  if (!temp.close() || !written)
    throw std::system_error(written ? errno : err, std::generic_category(), "cannot write " + path);
  if (!temp.rename_to(path)) throw std::system_error(errno, std::generic_category(), "cannot write " + path);
}

void check_atomic_write_possible(const std::string& path) { const SiblingTemporary probe(path); }

}  // namespace concur
