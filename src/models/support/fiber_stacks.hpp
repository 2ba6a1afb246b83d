// Where fibers' stacks come from. Boost.Fiber's default allocator mallocs 128 KiB per fiber,
// which at 100,000 fibers means thousands of brk/mmap calls and stacks that straddle page
// boundaries. Here every stack is a page-aligned slot of one reserved mapping: reserving
// costs one system call, a fiber pays only for the pages it really touches, and the slot of
// a finished fiber goes to the next new one with its pages already resident.
//
// Finished fibers also give their memory back. A waiting fiber touches one page of its slot,
// but Boost.Fiber's exit path reaches 6 KiB deep and touches a second; without giving it back,
// a run of 100,000 fibers would end holding 8 KiB for each. So once every slot of a group of
// kReleaseGroup neighbours is free, the group's pages go back to the system in one madvise,
// and the run's memory shrinks as its fibers finish, as it would with a stack per mmap.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include <boost/context/stack_context.hpp>

namespace concur {

/// Address space for a run's fiber stacks: `count` slots of `slot_size` bytes, recycled
/// through a free list and unmapped all at once when the last user lets go.
class FiberStacks {
 public:
  /// Neighbouring slots whose pages are given back together, once all of them are free.
  static constexpr std::size_t kReleaseGroup = 64;

  /// Reserves the slots (no memory becomes resident until touched); throws std::bad_alloc.
  static std::shared_ptr<FiberStacks> reserve(std::size_t count, std::size_t slot_size);
  /// Unmaps every slot.
  ~FiberStacks();
  FiberStacks(const FiberStacks&) = delete;
  FiberStacks& operator=(const FiberStacks&) = delete;
  /// A returned slot if there is one (pages resident), else a slot whose pages were given back
  /// or never touched; throws std::bad_alloc when all are in use. Safe from any thread.
  boost::context::stack_context take();
  /// Returns a slot taken earlier, for reuse; gives back its group's pages once the whole group
  /// is free. Safe from any thread.
  void give_back(const boost::context::stack_context& stack) noexcept;

 private:
  /// Takes ownership of the mapping made by reserve().
  FiberStacks(std::byte* base, std::size_t count, std::size_t slot_size);
  /// A returned slot's links in the free list, written at the top of its (resident) stack page.
  struct FreeSlot {
    FreeSlot* prev;  ///< previous returned slot, or null
    FreeSlot* next;  ///< next returned slot, or null
  };
  /// Slots whose pages are not resident, handed out in order: never used, or given back.
  struct ColdRun {
    std::size_t next;  ///< index of the next slot to hand out
    std::size_t end;   ///< one past the last
  };
  [[nodiscard]] std::size_t index_of(const void* top) const;
  [[nodiscard]] FreeSlot* node_of(std::size_t index) const;
  [[nodiscard]] boost::context::stack_context slot(std::size_t index) const;
  void unlink(FreeSlot* node);
  std::byte* base_;                   ///< start of the mapping
  std::size_t count_;                 ///< slots in the mapping
  std::size_t slot_size_;             ///< bytes per slot, a multiple of the page size
  std::mutex mutex_;                  ///< fibers end on any worker thread
  FreeSlot* free_ = nullptr;          ///< returned slots with resident pages, most recent first
  std::vector<std::uint16_t> freed_;  ///< per group: how many of its slots are in `free_`
  std::vector<ColdRun> cold_;         ///< groups given back (and the never-used tail), to hand out
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
