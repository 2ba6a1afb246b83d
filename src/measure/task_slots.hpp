// One slot per task for what the tasks of a run write (their records and outcomes), in fresh
// zero pages. Large blocks from calloc come straight from mmap and are not written by it, so a
// slot becomes memory only when its task writes it: a million coroutines waiting on their
// timers do not carry a million records and outcomes written before the first one started
// (90 MB, in the peak RSS of the run that measures them).
//
// Up to kPrefaultBytes, though, the pages are made present before the run starts: otherwise the
// tasks take the first-touch page faults of the tool's own bookkeeping inside the timed window
// (about 2,150 for 100,000 async tasks: 4.6 % of that row's wall time on a 2-core machine).
// Those pages would all be touched by the end of the run anyway; only a run far larger, whose
// tasks end while others' frames are already given back, keeps them out of its peak.
#pragma once

#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <new>
#include <span>
#include <type_traits>

namespace concur {

/// `count` value-initialised slots of `T` (all zero bytes, as T's defaults must be).
template <typename T>
class TaskSlots {
  // calloc creates the objects (an implicit-lifetime type) with all-zero bytes; nothing else
  // constructs or destroys them.
  static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>, "task slots hold plain data");

 public:
  /// Reserves the slots; throws std::bad_alloc.
  explicit TaskSlots(std::size_t count)
      : slots_(static_cast<T*>(std::calloc(count == 0 ? 1 : count, sizeof(T)))), count_(count) {
    if (slots_ == nullptr) throw std::bad_alloc();
    if (count * sizeof(T) <= kPrefaultBytes) prefault(slots_.get(), count * sizeof(T));
  }
  /// The largest slot array whose pages are made present before the run.
  static constexpr std::size_t kPrefaultBytes = std::size_t{16} << 20;
  /// The slots, one per task.
  [[nodiscard]] std::span<T> span() { return {slots_.get(), count_}; }

 private:
  // MADV_POPULATE_WRITE (Linux 5.14) faults the whole range in at once; where it is missing, one
  // write per page does the same. The bytes stay zero either way.
  static void prefault(void* start, std::size_t bytes) {
    if (bytes == 0) return;
    const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
#ifdef MADV_POPULATE_WRITE
    // From the start of its first page (madvise takes whole pages).
    const std::size_t into_page = reinterpret_cast<std::uintptr_t>(start) % page;
    if (::madvise(static_cast<char*>(start) - into_page, into_page + bytes, MADV_POPULATE_WRITE) == 0) return;
#endif
    auto* const bytes_of = static_cast<volatile unsigned char*>(start);
    for (std::size_t at = 0; at < bytes; at += page) bytes_of[at] = bytes_of[at];
    bytes_of[bytes - 1] = bytes_of[bytes - 1];
  }
  struct Free {
    void operator()(T* p) const { std::free(p); }
  };
  std::unique_ptr<T, Free> slots_;
  std::size_t count_;
};

}  // namespace concur
