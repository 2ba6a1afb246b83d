#include "scenarios/work.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <deque>
#include <memory>
#include <mutex>
#include <system_error>
#include <thread>

#include <xxhash.h>
#include <boost/multiprecision/cpp_int.hpp>

#include "core/monotonic_clock.hpp"
#include "net/fetch_blocking.hpp"

namespace concur {

StreamDigest::StreamDigest() : state_(XXH3_createState()) {
  if (state_ == nullptr) throw std::bad_alloc();
  XXH3_64bits_reset(static_cast<XXH3_state_t*>(state_));
}

StreamDigest::~StreamDigest() { XXH3_freeState(static_cast<XXH3_state_t*>(state_)); }

void StreamDigest::update(std::span<const std::byte> chunk) {
  XXH3_64bits_update(static_cast<XXH3_state_t*>(state_), chunk.data(), chunk.size());
}

std::uint64_t StreamDigest::value() const { return XXH3_64bits_digest(static_cast<XXH3_state_t*>(state_)); }

std::uint64_t digest_words(std::span<const std::uint64_t> words) {
  return XXH3_64bits(words.data(), words.size_bytes());
}

int open_for_reading(const std::string& path) {
  // O_NONBLOCK so that a FIFO planted in a --dir cannot hang us at open(); regular files
  // ignore the flag for reads, and we clear it anyway once fstat has said what we opened.
  constexpr int kFlags = O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC;
  // O_NOATIME: reading a user's files should not even change their access times. Only the
  // file's owner (or root) may ask for it; anyone else reads without.
  int fd = ::open(path.c_str(), kFlags | O_NOATIME);
  if (fd < 0 && errno == EPERM) fd = ::open(path.c_str(), kFlags);
  if (fd < 0) throw std::system_error(errno, std::generic_category(), "cannot open " + path);
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    throw std::system_error(EINVAL, std::generic_category(), path + " is not a regular file");
  }
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  return fd;
}

void say(std::string_view word) {
  // One write per word: a pipe or terminal keeps each write whole, so words of tasks in other
  // threads or processes never interleave mid-word, and their order is the order they were said.
  std::string line(word);
  line += ' ';
  for (std::size_t done = 0; done < line.size();) {
    const ssize_t n = ::write(STDOUT_FILENO, line.data() + done, line.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // a closed stdout must not fail the demo's timing
    done += static_cast<std::size_t>(n);
  }
}

// [[gnu::hot]] on a sleep's path: every child of the fork model runs it, and the linker puts hot
// code side by side, so a child faults in its code pages once (CMakeLists.txt, the fork parent).
[[gnu::hot]] TimedWait::TimedWait(const SleepWork& work) : work_(work) {
  say_before(work);
  start_ = monotonic_now();  // after the word: the wait is what is timed
}

[[gnu::hot]] Outcome TimedWait::finish() const { return finish_wait(work_, monotonic_now() - start_); }

[[gnu::hot]] Outcome sleep_blocking(const SleepWork& work) {
  const TimedWait wait(work);
  std::this_thread::sleep_for(work.duration);
  return wait.finish();
}

Outcome read_file_blocking(const ReadFileWork& work) {
  const int fd = open_for_reading(work.path);
  // Uninitialised on purpose: zero-filling 256 KiB per task would be work the model did not ask for.
  const auto buffer = std::make_unique_for_overwrite<std::byte[]>(kReadChunk);
  StreamDigest digest;
  std::uint64_t total = 0;
  while (true) {
    const ssize_t n = ::read(fd, buffer.get(), kReadChunk);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      ::close(fd);
      throw std::system_error(err, std::generic_category(), "cannot read " + work.path);
    }
    if (n == 0) break;
    digest.update({buffer.get(), static_cast<std::size_t>(n)});
    total += static_cast<std::uint64_t>(n);
  }
  ::close(fd);
  return Outcome{.value = total, .digest = digest.value(), .payload = {}};
}

std::span<const std::uint64_t> keep_payload(std::vector<std::uint64_t> words) {
  static std::mutex mutex;
  static std::deque<std::vector<std::uint64_t>> kept;  // a deque never moves what it holds
  const std::lock_guard lock(mutex);
  return kept.emplace_back(std::move(words));
}

Outcome compute_factorial(const FactorialWork& work) {
  // The naive loop is the point: one small multiplication after another, no splitting, so
  // every model does exactly the same arithmetic and only the scheduling differs.
  boost::multiprecision::cpp_int product = 1;
  for (std::uint32_t i = 2; i <= work.k; ++i) product *= i;
  const auto& backend = product.backend();
  const auto* limbs = backend.limbs();
  static_assert(sizeof(*limbs) == sizeof(std::uint64_t), "limbs are expected to be 64-bit");
  const auto* words = reinterpret_cast<const std::uint64_t*>(limbs);
  return Outcome{.value = product == 0 ? 0 : boost::multiprecision::msb(product) + 1,
                 .payload = keep_payload(std::vector<std::uint64_t>(words, words + backend.size()))};
}

Outcome fetch_blocking(const FetchWork& work) {
  const net::FetchResult got = net::fetch_blocking(*work.target, work.item, work.item);
  return Outcome{.value = got.bytes, .digest = got.digest, .payload = {}};
}

[[gnu::hot]] Outcome perform_blocking(const Work& work) {
  return std::visit(
      [](const auto& w) -> Outcome {
        using T = std::decay_t<decltype(w)>;
        if constexpr (std::is_same_v<T, SleepWork>) {
          return sleep_blocking(w);
        } else if constexpr (std::is_same_v<T, ReadFileWork>) {
          return read_file_blocking(w);
        } else if constexpr (std::is_same_v<T, FetchWork>) {
          return fetch_blocking(w);
        } else {
          static_assert(std::is_same_v<T, FactorialWork>, "every kind of work needs a blocking form");
          return compute_factorial(w);
        }
      },
      work);
}

}  // namespace concur
