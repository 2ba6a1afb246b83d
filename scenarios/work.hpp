// The small vocabulary tasks are made of. A scenario builds its tasks from these
// primitives; a model decides how to perform each one (block a thread, await a timer,
// suspend a fiber). Keeping the vocabulary here, not in the models, is what lets one
// scenario run unchanged under every model.
#pragma once

#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace concur {

namespace net {
struct FetchTarget;
}  // namespace net

/// Wait for a fixed time and compute nothing: the purest I/O-bound task. A wait may be framed
/// by two words the task says as it begins and as it ends (the `count` demo's "One" and "Two").
struct SleepWork {
  std::chrono::nanoseconds duration;  ///< how long the task waits
  /// Said (see say()) as the wait begins; null says nothing. A string literal: tasks copy the
  /// pointer, never the text, into every thread and forked child.
  const char* before = nullptr;
  const char* after = nullptr;  ///< said as the wait ends; null says nothing
};

/// Read one whole file and checksum it: waits on the disk, then a little CPU per chunk.
struct ReadFileWork {
  std::string path;  ///< regular file to read, opened read-only and without following links
};

/// Compute k! with a naive big-integer multiply loop: CPU-bound, nothing to wait for.
struct FactorialWork {
  std::uint32_t k;  ///< the factorial's argument
};

/// Fetch one item over HTTP on a connection of its own and checksum the body (net/item.hpp):
/// waits on the network and on a server's latency. Everything but the item is the run's
/// shared target, so a task is two words.
struct FetchWork {
  const net::FetchTarget* target;  ///< the server and the request's parameters, owned by the scenario
  std::uint32_t item;              ///< i of /item/<i>: also the task's index in its run
};

/// One task's work; models pick how to perform each alternative.
using Work = std::variant<SleepWork, ReadFileWork, FactorialWork, FetchWork>;

// A run of a million tasks holds a million of these: the words of a wait and a fetch's target
// must not make every task bigger than its largest alternative already makes it.
static_assert(sizeof(SleepWork) <= sizeof(ReadFileWork), "a SleepWork must not grow Work");
static_assert(sizeof(FetchWork) <= sizeof(ReadFileWork), "a FetchWork must not grow Work");

/// What one task produced; checked by its scenario after the timed region. Plain data, and all
/// zero bytes when nothing was written yet: a run of a million tasks lays its outcomes out in
/// fresh zero pages (calloc), which become memory only as tasks finish and write them. So the
/// rare big result (k!'s limbs) is not owned here but kept by keep_payload().
struct Outcome {
  std::uint64_t value = 0;                 ///< ns slept, bytes read or received, or bit length of k!
  std::uint64_t digest = 0;                ///< checksum of the bytes read (files) or received (net)
  std::span<const std::uint64_t> payload;  ///< raw result that must travel to the verifier (k!'s limbs)
  bool crc32 = false;                      ///< `digest` is zlib's CRC-32 (Python has no XXH3), not XXH3
};

/// Keeps `words` until the process ends and returns them, for Outcome::payload. A payload is
/// made once per big result (a factorial), in the process that verifies it or sends it on (a
/// measuring process lives for one run). Safe from any thread.
std::span<const std::uint64_t> keep_payload(std::vector<std::uint64_t> words);

/// Bytes each read requests: large enough to keep the disk busy, small enough that
/// thousands of tasks in flight do not need a file's worth of memory each.
inline constexpr std::size_t kReadChunk = 256 * std::size_t{1024};

/// Incremental checksum of a byte stream (XXH3, 64 bit); the same for every model.
class StreamDigest {
 public:
  /// Starts an empty digest.
  StreamDigest();
  /// Releases the hashing state.
  ~StreamDigest();
  StreamDigest(const StreamDigest&) = delete;
  StreamDigest& operator=(const StreamDigest&) = delete;
  /// Feeds the next chunk of the stream.
  void update(std::span<const std::byte> chunk);
  /// The checksum of everything fed so far.
  [[nodiscard]] std::uint64_t value() const;

 private:
  void* state_;  // XXH3_state_t, kept opaque so xxhash.h stays out of every includer
};

/// Checksum of a block of 64-bit words, used to verify k! without printing it in decimal.
std::uint64_t digest_words(std::span<const std::uint64_t> words);

/// Opens `path` for reading the way every model must: read-only, no symlink following,
/// never blocking on a FIFO; throws std::system_error naming the path on failure.
int open_for_reading(const std::string& path);

/// Writes `word` and a space to standard output in one write(), from whichever thread or process
/// says it, so the words of different tasks appear whole and in the order they were said.
void say(std::string_view word);

/// One wait of a SleepWork, however a model performs it (a blocking sleep, a co_awaited timer, a
/// fiber sleep). Made as the wait begins, it says the work's `before` word and starts the clock;
/// finish() says `after` and reports the time really waited. Every model times its waits through
/// it, so words and measured waits are the same under all of them and no model knows about `count`.
class TimedWait {
 public:
  /// Says `work.before` (if any), then starts timing the wait.
  [[nodiscard]] explicit TimedWait(const SleepWork& work);
  /// Stops timing, says `work.after` (if any) and returns the time waited as the task's outcome.
  [[nodiscard]] Outcome finish() const;

 private:
  const SleepWork& work_;
  std::chrono::steady_clock::time_point start_;
};

/// Says `work.before`, if any: what a wait says as it begins. TimedWait calls it; a model that
/// times its waits itself (async: the timer's own start) calls it before the wait begins.
/// Inline, as finish_wait: a wait that says nothing (every wait but count's) pays a test, not a
/// call into another unit, and the async row makes 100,000 of them in its timed window.
inline void say_before(const SleepWork& work) {
  if (work.before != nullptr) say(work.before);
}

/// Says `work.after`, if any, and returns the outcome of a wait of `work` that lasted `waited`.
[[nodiscard]] inline Outcome finish_wait(const SleepWork& work, std::chrono::nanoseconds waited) {
  if (work.after != nullptr) say(work.after);
  return Outcome{.value = static_cast<std::uint64_t>(waited.count()), .payload = {}};
}

/// Waits by blocking the calling OS thread (nanosleep), through a TimedWait.
Outcome sleep_blocking(const SleepWork& work);

/// Reads and checksums a whole file with blocking read() calls.
Outcome read_file_blocking(const ReadFileWork& work);

/// Computes k! and returns its bit length and limbs; pure CPU, the same for every model.
Outcome compute_factorial(const FactorialWork& work);

/// Fetches and checksums one item with blocking socket calls (connect, write, read), each with a timeout.
Outcome fetch_blocking(const FetchWork& work);

/// Performs any work by blocking the calling thread: the form threads, processes and pools use.
Outcome perform_blocking(const Work& work);

}  // namespace concur
