// Where the async model's coroutine frames live. A frame from operator new costs its size plus
// malloc's header and rounding, and the memory of a million frames that have ended stays with
// malloc: it is freed in the order the tasks started, from the bottom of the heap, which malloc
// never gives back to the system. Here frames are carved one after another out of aligned 1 MiB
// chunks, with nothing between them; a chunk goes back to the system (munmap) as soon as its
// last frame has ended, so a run's memory shrinks while its tasks finish.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>

namespace concur {

/// A bump allocator for coroutine frames. allocate() is for one thread (the event loop's);
/// deallocate() may run on any thread (a task that ends on a pool thread).
class FrameArena {
 public:
  /// Bytes per chunk, and its alignment: a frame's chunk is its address rounded down.
  static constexpr std::size_t kChunk = std::size_t{1} << 20;
  /// Every frame starts at a multiple of this (what operator new promises).
  static constexpr std::size_t kAlign = 16;

  FrameArena() = default;
  /// Lets go of the chunk still being filled; each chunk is unmapped when its last frame ends.
  ~FrameArena();
  FrameArena(const FrameArena&) = delete;
  FrameArena& operator=(const FrameArena&) = delete;

  /// `bytes` for one frame; throws std::bad_alloc when no chunk can be mapped.
  void* allocate(std::size_t bytes);
  /// Ends a frame made by allocate(), from any thread.
  static void deallocate(void* frame) noexcept;

 private:
  /// The head of each chunk: how many frames in it are alive, plus one while it is being filled.
  struct Chunk {
    std::atomic<std::uint32_t> live;
  };
  static void release(Chunk* chunk) noexcept;
  Chunk* chunk_ = nullptr;  ///< the chunk being filled
  std::byte* next_ = nullptr;
  std::byte* end_ = nullptr;
};

}  // namespace concur
