#include "models/support/frame_arena.hpp"

#include <sys/mman.h>

#include <new>
#include <stdexcept>

namespace concur {
namespace {

constexpr std::size_t round_up(std::size_t n, std::size_t to) { return (n + to - 1) / to * to; }

// A chunk aligned to its own size, so that any address inside it finds its head by masking:
// map twice the size, then unmap what lies outside the aligned middle.
void* map_aligned_chunk() {
  constexpr std::size_t kSize = FrameArena::kChunk;
  void* raw = ::mmap(nullptr, 2 * kSize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) throw std::bad_alloc();
  auto* start = static_cast<std::byte*>(raw);
  const auto address = reinterpret_cast<std::uintptr_t>(raw);
  std::byte* aligned = start + (round_up(address, kSize) - address);
  if (aligned > start) ::munmap(start, static_cast<std::size_t>(aligned - start));
  std::byte* tail = aligned + kSize;
  if (tail < start + 2 * kSize) ::munmap(tail, static_cast<std::size_t>(start + 2 * kSize - tail));
  return aligned;
}

}  // namespace

FrameArena::~FrameArena() {
  if (chunk_ != nullptr) release(chunk_);
}

void* FrameArena::allocate(std::size_t bytes) {
  bytes = round_up(bytes, kAlign);
  if (bytes > kChunk / 16) throw std::length_error("coroutine frame too large for the frame arena");
  if (chunk_ == nullptr || static_cast<std::size_t>(end_ - next_) < bytes) {
    auto* fresh = new (map_aligned_chunk()) Chunk{1};  // the arena's own reference, dropped when full
    if (chunk_ != nullptr) release(chunk_);
    chunk_ = fresh;
    next_ = reinterpret_cast<std::byte*>(chunk_) + round_up(sizeof(Chunk), kAlign);
    end_ = reinterpret_cast<std::byte*>(chunk_) + kChunk;
  }
  chunk_->live.fetch_add(1, std::memory_order_relaxed);
  void* frame = next_;
  next_ += bytes;
  return frame;
}

void FrameArena::deallocate(void* frame) noexcept {
  auto* bytes = static_cast<std::byte*>(frame);
  const auto offset = reinterpret_cast<std::uintptr_t>(frame) & (kChunk - 1);  // into its chunk
  release(reinterpret_cast<Chunk*>(bytes - offset));
}

void FrameArena::release(Chunk* chunk) noexcept {
  // acq_rel: every frame's last writes happen before the chunk is unmapped, whichever thread ends it.
  if (chunk->live.fetch_sub(1, std::memory_order_acq_rel) == 1) ::munmap(chunk, kChunk);
}

}  // namespace concur
