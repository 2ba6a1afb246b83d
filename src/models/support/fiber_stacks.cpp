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
    : base_(base), count_(count), slot_size_(slot_size) {}

FiberStacks::~FiberStacks() { ::munmap(base_, count_ * slot_size_); }

boost::context::stack_context FiberStacks::take() {
  boost::context::stack_context stack;
  stack.size = slot_size_;
  std::lock_guard lock(mutex_);
  if (free_ != nullptr) {
    stack.sp = reinterpret_cast<std::byte*>(free_) + sizeof(FreeSlot);
    free_ = free_->next;
    return stack;
  }
  if (next_unused_ == count_) throw std::bad_alloc();
  stack.sp = base_ + ++next_unused_ * slot_size_;  // stacks grow down: a slot's top is the next slot's start
  return stack;
}

void FiberStacks::give_back(const boost::context::stack_context& stack) noexcept {
  auto* slot = reinterpret_cast<FreeSlot*>(static_cast<std::byte*>(stack.sp) - sizeof(FreeSlot));
  std::lock_guard lock(mutex_);
  slot->next = free_;
  free_ = slot;
}

}  // namespace concur
