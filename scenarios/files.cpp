// File reads.
static constexpr char kLesson[] = R"(Every task reads one whole file and checksums it. With a cold page cache each
read really waits for the disk, so the work is mostly waiting with a little computing per
chunk. Models that keep several reads in flight let the device work on many requests at once;
how much that helps depends on the device, not on the number of cores. Asio's coroutines submit
their reads through io_uring, true asynchronous file I/O, from a single thread.)";

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

#include <fmt/format.h>
#include <boost/crc.hpp>

#include "core/parse.hpp"
#include "scenarios/scenario.hpp"
#include "scenarios/support/temp_dir.hpp"

namespace concur {
namespace {

constexpr std::int64_t kDefaultTasks = 16;
constexpr std::uint64_t kDefaultSize = 4ull << 20;

// Drops a file's pages from the page cache so the next read waits on the device. fdatasync
// first: dirty pages cannot be dropped. fdatasync does not change the file, so it is safe on a
// user's file too.
void evict_from_cache(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return;
  ::fdatasync(fd);
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
  ::close(fd);
}

// Pseudo-random bytes (splitmix64): incompressible, so neither the file system nor the device
// can shortcut the reads, and different per file so no two reads share cached blocks.
void write_generated_file(const std::string& path, std::uint64_t size, std::uint64_t seed) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) throw std::system_error(errno, std::generic_category(), "cannot create " + path);
  std::vector<std::uint64_t> block(kReadChunk / sizeof(std::uint64_t));
  std::uint64_t state = seed * 0x9E3779B97F4A7C15ull + 1;
  for (std::uint64_t written = 0; written < size;) {
    for (auto& word : block) {
      std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
      z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
      z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
      word = z ^ (z >> 31);
    }
    const auto chunk = static_cast<std::size_t>(std::min<std::uint64_t>(kReadChunk, size - written));
    const auto* bytes = reinterpret_cast<const char*>(block.data());
    for (std::size_t done = 0; done < chunk;) {
      const ssize_t n = ::write(fd, bytes + done, chunk - done);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        const int err = errno;
        ::close(fd);
        throw std::system_error(err, std::generic_category(), "cannot write " + path);
      }
      done += static_cast<std::size_t>(n);
    }
    written += chunk;
  }
  ::fdatasync(fd);
  ::close(fd);
}

// Regular files directly inside `dir`, by name. Symlinks, FIFOs, sockets and devices are
// skipped after lstat and never opened: opening a FIFO for reading could hang the run.
ParseError bad_dir(const std::string& dir, std::string_view why) {
  return ParseError(
      fmt::format("invalid --dir '{}': {} (give a directory you can read, holding regular files)", dir, why));
}

// What a --dir holds for us: the regular files we may read, by name, and how many more regular
// files are there that we may not (so a refusal can say why it counts fewer than `ls` shows).
struct Listing {
  std::vector<std::string> files;
  std::size_t unreadable = 0;
};

Listing regular_files_in(const std::string& dir) {
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0) throw bad_dir(dir, std::strerror(errno));
  if (!S_ISDIR(st.st_mode)) throw bad_dir(dir, "not a directory");
  DIR* handle = ::opendir(dir.c_str());
  if (handle == nullptr) throw bad_dir(dir, std::strerror(errno));
  Listing listing;
  while (const dirent* entry = ::readdir(handle)) {
    const std::string path = dir + "/" + entry->d_name;
    struct stat entry_stat {};
    if (::lstat(path.c_str(), &entry_stat) != 0 || !S_ISREG(entry_stat.st_mode)) continue;
    if (::access(path.c_str(), R_OK) == 0) {
      listing.files.push_back(path);
    } else {
      ++listing.unreadable;
    }
  }
  ::closedir(handle);
  std::sort(listing.files.begin(), listing.files.end());
  return listing;
}

// zlib's CRC-32 of a whole file, for rows whose language has no XXH3 (the Python reference rows).
// Computed only when such a row is verified, after its clock has stopped.
std::uint64_t crc32_of(const std::string& path) {
  const int fd = open_for_reading(path);
  std::vector<char> buffer(kReadChunk);
  boost::crc_32_type crc;
  ssize_t n = 0;
  while ((n = ::read(fd, buffer.data(), buffer.size())) > 0 || (n < 0 && errno == EINTR))
    if (n > 0) crc.process_bytes(buffer.data(), static_cast<std::size_t>(n));
  ::close(fd);
  return crc.checksum();
}

class FilesScenario final : public Scenario {
 public:
  explicit FilesScenario(const ScenarioOptions& options) : warm_(options.warm_cache) {
    if (options.dir) {
      use_existing_files(*options.dir, options.tasks);
    } else {
      generate_files(options.tasks.value_or(kDefaultTasks), options.size.value_or(kDefaultSize));
    }
    for (const auto& path : paths_) work_.emplace_back(ReadFileWork{path});
    measure_reference();
  }

  [[nodiscard]] std::string title() const override {
    return fmt::format("every task reads and checksums one {} (I/O-bound)", temp_ ? "generated file" : "of your files");
  }

  [[nodiscard]] std::vector<Param> params() const override {
    std::vector<Param> p{
        Param{
            .key = "size_bytes", .value = static_cast<std::int64_t>(size_label_), .display = format_size(size_label_)},
        Param{.key = "cache", .value = std::string(warm_ ? "warm" : "cold"), .display = warm_ ? "warm" : "cold"}};
    if (!temp_) p.push_back(Param{.key = "dir", .value = dir_, .display = dir_});
    return p;
  }

  [[nodiscard]] const WorkList& work() const override { return work_; }
  [[nodiscard]] Bound bound() const override { return Bound::io; }
  [[nodiscard]] std::chrono::nanoseconds task_time() const override { return task_time_; }

  void prepare_run() override {
    for (const auto& path : paths_) {
      if (warm_) {
        (void)read_file_blocking(ReadFileWork{path});  // pull every page in, so all models start warm
      } else {
        evict_from_cache(path);
      }
    }
  }

  [[nodiscard]] Verdict verify(std::span<const Outcome> outcomes) const override {
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
      if (outcomes[i].value != sizes_[i])
        return {false,
                fmt::format("task {} read {} bytes of {}, expected {}", i, outcomes[i].value, paths_[i], sizes_[i])};
      const std::uint64_t expected = outcomes[i].crc32 ? crc32_of(paths_[i]) : digests_[i];
      if (outcomes[i].digest != expected) return {false, fmt::format("task {}: checksum of {} differs", i, paths_[i])};
    }
    return {true, {}};
  }

 private:
  void generate_files(std::int64_t tasks, std::uint64_t size) {
    temp_ = std::make_unique<TempDir>();
    struct statvfs fs {};
    // Refuse before writing rather than fill the disk: keep a margin of 64 MiB for everyone else.
    // Saturating: --tasks 1000000 --size 64GiB must not wrap around to a small number.
    const auto count = static_cast<std::uint64_t>(tasks);
    const std::uint64_t margin = 64ull << 20;
    const std::uint64_t needed = size > (UINT64_MAX - margin) / count ? UINT64_MAX : count * size + margin;
    if (::statvfs(temp_->path().c_str(), &fs) == 0) {
      const std::uint64_t free = static_cast<std::uint64_t>(fs.f_bavail) * fs.f_frsize;
      if (free < needed)
        throw ParseError(fmt::format(
            "not enough free disk for {} files of {}: {} MiB needed, {} MiB free in {} (lower --tasks or --size, or "
            "set TMPDIR to a bigger disk)",
            count, format_size(size), needed >> 20, free >> 20,
            std::filesystem::path(temp_->path()).parent_path().string()));
    }
    size_label_ = size;
    for (std::int64_t i = 0; i < tasks; ++i) {
      paths_.push_back(fmt::format("{}/file-{:05}.bin", temp_->path(), i));
      write_generated_file(paths_.back(), size, static_cast<std::uint64_t>(i));
    }
  }

  void use_existing_files(const std::string& dir, std::optional<std::int64_t> tasks) {
    dir_ = dir;
    Listing listing = regular_files_in(dir);
    paths_ = std::move(listing.files);
    if (paths_.empty())
      throw bad_dir(dir, "no readable regular files in it (links, FIFOs, sockets and devices are skipped)");
    if (tasks) {
      if (*tasks > static_cast<std::int64_t>(paths_.size()))
        throw ParseError(fmt::format(
            "invalid --tasks '{}': --dir '{}' holds only {} regular files{}", *tasks, dir, paths_.size(),
            listing.unreadable == 0 ? std::string()
                                    : fmt::format(" you can read ({} more {} not readable by you)", listing.unreadable,
                                                  listing.unreadable == 1 ? "is" : "are")));
      paths_.resize(static_cast<std::size_t>(*tasks));
    }
  }

  // Reads every file once (blocking, in the parent, from the cache state runs will start from)
  // for the expected sizes and checksums; the mean time per file is the yardstick for the
  // ideal times in the header. One file alone would be too noisy a yardstick.
  void measure_reference() {
    prepare_run();
    const auto start = std::chrono::steady_clock::now();
    for (const auto& path : paths_) {
      const Outcome o = read_file_blocking(ReadFileWork{path});
      sizes_.push_back(o.value);
      digests_.push_back(o.digest);
    }
    task_time_ = (std::chrono::steady_clock::now() - start) / static_cast<std::int64_t>(paths_.size());
    if (temp_ == nullptr) size_label_ = *std::max_element(sizes_.begin(), sizes_.end());
  }

  bool warm_;
  std::unique_ptr<TempDir> temp_;  // owns generated files; null when reading a user's --dir
  std::string dir_;
  std::uint64_t size_label_ = 0;
  std::vector<std::string> paths_;
  std::vector<std::uint64_t> sizes_;
  std::vector<std::uint64_t> digests_;
  WorkList work_;
  std::chrono::nanoseconds task_time_{};
};

}  // namespace

/// Registry entry for the files scenario.
ScenarioInfo files_scenario() {
  return {
      .name = "files",
      .blurb = "file reads: N tasks each read and checksum one file, cold cache (I/O-bound)",
      .group = "io",
      .lesson = kLesson,
      .make = [](const ScenarioOptions& o) -> std::unique_ptr<Scenario> { return std::make_unique<FilesScenario>(o); },
      .size =
          [](const ScenarioOptions& o) {
            if (!o.dir) return ScenarioSize{.tasks = o.tasks.value_or(kDefaultTasks), .holds_files = true};
            // A --dir's files, one task each (more --tasks than files is refused by make(), with its own message).
            const auto files = static_cast<std::int64_t>(regular_files_in(*o.dir).files.size());
            return ScenarioSize{.tasks = std::min(o.tasks.value_or(files), files), .holds_files = true};
          }};
}

}  // namespace concur
