// Where fibers' stacks come from. Boost.Fiber's default allocator mallocs 128 KiB per fiber,
// which at 100,000 fibers means thousands of brk/mmap calls and stacks that straddle page
// boundaries. Here every stack is a page-aligned slot of one reserved mapping: reserving
// costs one system call, a fiber pays only for the pages it really touches, and the slot of
// a finished fiber goes to the next new one with its pages already resident.
#pragma once

#include <cstddef>
#include <memory>
#include <mutex>

#include <boost/context/stack_context.hpp>

namespace concur {

/// Address space for a run's fiber stacks: `count` slots of `slot_size` bytes, recycled
/// through a free list and unmapped all at once when the last user lets go.
class FiberStacks {
 public:
  /// Reserves the slots (no memory becomes resident until touched); throws std::bad_alloc.
  static std::shared_ptr<FiberStacks> reserve(std::size_t count, std::size_t slot_size);
  /// Unmaps every slot.
  ~FiberStacks();
  FiberStacks(const FiberStacks&) = delete;
  FiberStacks& operator=(const FiberStacks&) = delete;
  /// A returned slot if there is one, else the next never-used slot; throws std::bad_alloc
  /// when all are in use. Safe from any thread.
  boost::context::stack_context take();
  /// Returns a slot taken earlier, for reuse. Safe from any thread.
  void give_back(const boost::context::stack_context& stack) noexcept;

 private:
  /// Takes ownership of the mapping made by reserve().
  FiberStacks(std::byte* base, std::size_t count, std::size_t slot_size);
  /// A returned slot's link to the next one, written at the top of its (resident) stack page.
  struct FreeSlot {
    FreeSlot* next;  ///< next returned slot, or null
  };
  std::byte* base_;              ///< start of the mapping
  std::size_t count_;            ///< slots in the mapping
  std::size_t slot_size_;        ///< bytes per slot, a multiple of the page size
  std::mutex mutex_;             ///< fibers end on any worker thread
  std::size_t next_unused_ = 0;  ///< slots below this index have been handed out at least once
  FreeSlot* free_ = nullptr;     ///< returned slots, most recent first
};

/// Boost.Context StackAllocator over FiberStacks; each fiber keeps a copy, so the mapping
/// lives until the last fiber's stack is given back, whenever its scheduler does that.
class FiberStackAllocator {
 public:
  /// Allocates from `stacks`.
  explicit FiberStackAllocator(std::shared_ptr<FiberStacks> stacks) : stacks_(std::move(stacks)) {}
  /// Hands out a slot.
  boost::context::stack_context allocate() { return stacks_->take(); }
  /// Returns the slot for reuse by a later fiber.
  void deallocate(boost::context::stack_context& stack) noexcept { stacks_->give_back(stack); }

 private:
  std::shared_ptr<FiberStacks> stacks_;  ///< shared by every fiber of the run
};

}  // namespace concur
