// One slot per task for what the tasks of a run write (their records and outcomes), in fresh
// zero pages. Large blocks from calloc come straight from mmap and are not written by it, so a
// slot becomes memory only when its task writes it: a million coroutines waiting on their
// timers do not carry a million records and outcomes written before the first one started
// (90 MB, in the peak RSS of the run that measures them).
#pragma once

#include <cstddef>
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
  }
  /// The slots, one per task.
  [[nodiscard]] std::span<T> span() { return {slots_.get(), count_}; }

 private:
  struct Free {
    void operator()(T* p) const { std::free(p); }
  };
  std::unique_ptr<T, Free> slots_;
  std::size_t count_;
};

}  // namespace concur
