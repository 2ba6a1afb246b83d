#include "sys/atomic_file.hpp"

#include <fcntl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <memory>
#include <span>
#include <system_error>

#include "sys/interrupt.hpp"
#include "sys/scratch_paths.hpp"
#include "sys/stale_scratch.hpp"
#include "sys/wire.hpp"

namespace concur {
namespace {

// Temporaries beside an output: ".concur-demo.<pid>.<6 letters>", at most 27 characters, so a
// target name of any legal length (up to 255) still leaves a legal temporary name.
constexpr std::string_view kTemporaryStem = ".concur-demo.";
constexpr int kMaxLinks = 40;  // what the kernel follows before ELOOP

[[noreturn]] void fail(int error, const std::string& what) {
  throw std::system_error(error, std::generic_category(), what);
}

std::string directory_of(const std::string& path) {
  const auto slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

// The descriptor named by "-", /dev/stdout, /dev/stderr, /dev/fd/N or /proc/self/fd/N; -1 if none.
int descriptor_named(std::string_view path) {
  if (path == "-" || path == "/dev/stdout") return STDOUT_FILENO;
  if (path == "/dev/stderr") return STDERR_FILENO;
  for (const std::string_view prefix : {std::string_view("/dev/fd/"), std::string_view("/proc/self/fd/")}) {
    if (path.substr(0, prefix.size()) != prefix) continue;
    const std::string_view digits = path.substr(prefix.size());
    int fd = -1;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), fd);
    if (ec == std::errc{} && end == digits.data() + digits.size() && fd >= 0) return fd;
  }
  return -1;
}

// Six random letters and digits: the kernel's O_EXCL, not the name, keeps two runs apart.
std::string random_suffix() {
  constexpr std::string_view kAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  unsigned char bytes[6] = {};
  if (::getrandom(bytes, sizeof bytes, 0) != static_cast<ssize_t>(sizeof bytes))
    for (std::size_t i = 0; i < sizeof bytes; ++i) bytes[i] = static_cast<unsigned char>(::getpid() + i * 7);
  std::string out;
  for (const unsigned char b : bytes) out += kAlphabet[b % kAlphabet.size()];
  return out;
}

// A temporary file in `dir`, known to the interrupt handler and locked (so no other run takes it
// for stale) while it exists.
class SiblingTemporary {
 public:
  explicit SiblingTemporary(const std::string& dir) {
    const std::string prefix = dir + "/" + scratch_name_prefix(kTemporaryStem);
    const InterruptsBlocked quiet;
    for (int attempt = 0; fd_ < 0 && attempt < 100; ++attempt) {
      name_ = prefix + random_suffix();
      // 0666: the kernel takes the umask off, as for any new file the user's shell would make.
      fd_ = ::open(name_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
      if (fd_ < 0 && errno != EEXIST) break;
    }
    if (fd_ < 0) fail(errno, "cannot create a file in " + dir);
    scratch_ = std::make_unique<ScratchPath>(name_);
    lock_ = lock_scratch_path(name_);
  }
  ~SiblingTemporary() {
    const InterruptsBlocked quiet;
    if (fd_ >= 0) ::close(fd_);
    if (!renamed_) ::unlink(name_.c_str());
    if (lock_ >= 0) ::close(lock_);
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
    renamed_ = ::rename(name_.c_str(), target.c_str()) == 0;
    if (renamed_) scratch_.reset();
    return renamed_;
  }

 private:
  std::string name_;
  int fd_ = -1;
  int lock_ = -1;
  bool renamed_ = false;
  std::unique_ptr<ScratchPath> scratch_;
};

// The rename itself is only durable once the directory that holds the new entry is synced.
void sync_directory(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) fail(errno, "cannot sync " + dir);
  const bool synced = ::fsync(fd) == 0 || errno == EINVAL;  // some file systems cannot sync a directory
  const int err = errno;
  ::close(fd);
  if (!synced) fail(err, "cannot sync " + dir);
}

// A file the user may not write (chmod a-w, or another user's) is not ours to replace either,
// even where its directory would let a rename do it: `>` in a shell would refuse too.
void require_writable(const std::string& target) {
  struct stat st {};
  if (::lstat(target.c_str(), &st) != 0 && errno == ENAMETOOLONG) fail(errno, "cannot write " + target);
  if (::faccessat(AT_FDCWD, target.c_str(), W_OK, AT_EACCESS) != 0 && errno != ENOENT)
    fail(errno, target + " is not writable by you");
}

void replace_file(const std::string& target, std::string_view content) {
  require_writable(target);
  const std::string dir = directory_of(target);
  remove_stale_scratch(dir, kTemporaryStem);
  SiblingTemporary temp(dir);
  // The file it replaces keeps its permissions (and, where we may, its owner).
  struct stat existing {};
  if (::stat(target.c_str(), &existing) == 0 && S_ISREG(existing.st_mode)) {
    if (::fchmod(temp.fd(), existing.st_mode & 07777) != 0) fail(errno, "cannot write " + target);
    if (::geteuid() == 0) (void)::fchown(temp.fd(), existing.st_uid, existing.st_gid);
  }
  const auto bytes = std::as_bytes(std::span(content.data(), content.size()));
  const bool written = write_all(temp.fd(), bytes) && ::fsync(temp.fd()) == 0;
  const int err = errno;
  if (!temp.close() || !written) fail(written ? errno : err, "cannot write " + target);
  if (!temp.rename_to(target)) fail(errno, "cannot write " + target);
  sync_directory(dir);
}

// A device, FIFO or terminal: written in place, never replaced.
void write_in_place(const std::string& path, std::string_view content) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) fail(errno, "cannot open " + path);
  const bool written = write_all(fd, std::as_bytes(std::span(content.data(), content.size())));
  const int err = errno;
  const bool closed = ::close(fd) == 0 || errno == EINTR;
  if (!written) fail(err, "cannot write " + path);
  if (!closed) fail(errno, "cannot write " + path);
}

}  // namespace

OutputTarget resolve_output(const std::string& path) {
  std::string p = path;
  for (int hops = 0; hops <= kMaxLinks; ++hops) {
    if (const int fd = descriptor_named(p); fd >= 0)
      return OutputTarget{.kind = OutputTarget::Kind::descriptor, .path = p, .fd = fd};
    struct stat st {};
    if (::lstat(p.c_str(), &st) != 0 || S_ISREG(st.st_mode))
      return OutputTarget{.kind = OutputTarget::Kind::replace, .path = p, .fd = -1};
    if (!S_ISLNK(st.st_mode) || p.rfind("/proc/", 0) == 0)  // /proc's links name open files: open them
      return OutputTarget{.kind = OutputTarget::Kind::direct, .path = p, .fd = -1};
    std::string target(static_cast<std::size_t>(st.st_size > 0 ? st.st_size : 4095) + 1, '\0');
    const ssize_t n = ::readlink(p.c_str(), target.data(), target.size());
    if (n < 0) fail(errno, "cannot follow the link " + p);
    target.resize(static_cast<std::size_t>(n));
    if (target.empty() || target.front() != '/') target = directory_of(p).append("/").append(target);
    p = target;
  }
  fail(ELOOP, "cannot follow the link " + path);
}

void write_file_atomically(const std::string& path, std::string_view content) {
  const OutputTarget target = resolve_output(path);
  switch (target.kind) {
    case OutputTarget::Kind::replace:
      replace_file(target.path, content);
      return;
    case OutputTarget::Kind::direct:
      write_in_place(target.path, content);
      return;
    case OutputTarget::Kind::descriptor:
      if (!write_all(target.fd, std::as_bytes(std::span(content.data(), content.size()))))
        fail(errno, "cannot write " + path);
      return;
  }
}

void check_atomic_write_possible(const std::string& path) {
  const OutputTarget target = resolve_output(path);
  if (target.kind == OutputTarget::Kind::replace) {
    require_writable(target.path);
    const SiblingTemporary probe(directory_of(target.path));
    return;
  }
  if (target.kind == OutputTarget::Kind::descriptor) {
    if (::fcntl(target.fd, F_GETFL) < 0) fail(errno, path + " is not open");
    return;
  }
  struct stat st {};
  if (::stat(target.path.c_str(), &st) == 0 && S_ISFIFO(st.st_mode)) return;
  const int fd = ::open(target.path.c_str(), O_WRONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) fail(errno, "cannot open " + target.path);
  ::close(fd);
}

}  // namespace concur
