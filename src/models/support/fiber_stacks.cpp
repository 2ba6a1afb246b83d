#include "models/support/fiber_stacks.hpp"

#include <sys/mman.h>

#include <new>

namespace concur {

std::shared_ptr<FiberStacks> FiberStacks::reserve(std::size_t count, std::size_t slot_size) {
  const std::size_t bytes = count * slot_size;
  // MAP_NORESERVE: address space only, so a million slots need no commit up front. No guard
  // page between slots: with 100,000 fibers that would be 200,000 mappings, beyond the
  // kernel's default vm.max_map_count of 65,530.
  void* base = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (base == MAP_FAILED) throw std::bad_alloc();
  // A transparent huge page would make 2 MiB resident for 32 fibers that each touch 8 KiB.
  ::madvise(base, bytes, MADV_NOHUGEPAGE);
  return std::shared_ptr<FiberStacks>(new FiberStacks(static_cast<std::byte*>(base), count, slot_size));
}

FiberStacks::FiberStacks(std::byte* base, std::size_t count, std::size_t slot_size)
    : base_(base),
      count_(count),
      slot_size_(slot_size),
      freed_((count + kReleaseGroup - 1) / kReleaseGroup, 0),
      cold_{ColdRun{.next = 0, .end = count}} {
  cold_.reserve(freed_.size() + 1);  // give_back() must not allocate: it cannot fail
}

FiberStacks::~FiberStacks() { ::munmap(base_, count_ * slot_size_); }

// Stacks grow down: a slot's top is the next slot's start, and its free-list node sits just below.
std::size_t FiberStacks::index_of(const void* top) const {
  return static_cast<std::size_t>(static_cast<const std::byte*>(top) - base_) / slot_size_ - 1;
}

FiberStacks::FreeSlot* FiberStacks::node_of(std::size_t index) const {
  return reinterpret_cast<FreeSlot*>(base_ + (index + 1) * slot_size_) - 1;
}

boost::context::stack_context FiberStacks::slot(std::size_t index) const {
  boost::context::stack_context stack;
  stack.size = slot_size_;
  stack.sp = base_ + (index + 1) * slot_size_;
  return stack;
}

void FiberStacks::unlink(FreeSlot* node) {
  (node->prev != nullptr ? node->prev->next : free_) = node->next;
  if (node->next != nullptr) node->next->prev = node->prev;
}

boost::context::stack_context FiberStacks::take() {
  std::lock_guard lock(mutex_);
  if (free_ != nullptr) {
    FreeSlot* node = free_;
    unlink(node);
    const std::size_t index = index_of(node + 1);
    --freed_[index / kReleaseGroup];
    return slot(index);
  }
  while (!cold_.empty() && cold_.back().next == cold_.back().end) cold_.pop_back();
  if (cold_.empty()) throw std::bad_alloc();
  return slot(cold_.back().next++);
}

void FiberStacks::give_back(const boost::context::stack_context& stack) noexcept {
  const std::size_t index = index_of(stack.sp);
  const std::size_t group = index / kReleaseGroup;
  std::byte* first = base_ + group * kReleaseGroup * slot_size_;
  {
    std::lock_guard lock(mutex_);
    FreeSlot* node = node_of(index);
    *node = FreeSlot{.prev = nullptr, .next = free_};
    if (free_ != nullptr) free_->prev = node;
    free_ = node;
    // Only whole groups go back (the partial last group stays), and only when every slot of
    // the group is free: none of them is a running fiber's stack.
    if (++freed_[group] < kReleaseGroup) return;
    for (std::size_t i = group * kReleaseGroup; i < (group + 1) * kReleaseGroup; ++i) unlink(node_of(i));
    freed_[group] = 0;
  }
  // Outside the lock: no other thread can take these slots until they are listed as cold.
  ::madvise(first, kReleaseGroup * slot_size_, MADV_DONTNEED);
  std::lock_guard lock(mutex_);
  cold_.push_back(ColdRun{.next = group * kReleaseGroup, .end = (group + 1) * kReleaseGroup});
}

}  // namespace concur
