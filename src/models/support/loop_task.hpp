// The async model's task type: a plain C++20 coroutine that starts running as soon as it is
// called and frees its own frame when it ends. Nobody waits for it or holds a handle to it, as
// nobody waits for a task spawned on an event loop; the event loop keeps it alive by holding
// the completion of whatever it co_awaits (see resume.hpp).
//
// This is all asio::co_spawn + asio::awaitable would give these tasks, without what they cost
// per task (docs/performance.md measures it): co_spawn allocates an entry-point frame and an
// awaitable-thread object for each task, and every asio::awaitable function a task calls has a
// frame of its own. Here each task is one frame, taken from its loop's FrameArena.
#pragma once

#include <coroutine>
#include <cstddef>
#include <exception>

#include "models/support/frame_arena.hpp"

namespace concur {

/// Return type of a detached coroutine on an event loop. The coroutine's first parameter is
/// its loop (any object with a FrameArena member `frames`), whose arena holds the frame; the
/// coroutine must catch its own exceptions: a detached task has no one to hand them to.
struct LoopTask {
  /// The promise: eager start, self-destruction at the end, frames from the loop's arena.
  struct promise_type {
    /// A detached task hands back nothing.
    LoopTask get_return_object() noexcept { return {}; }
    /// Runs at once, up to its first co_await, like a function call.
    std::suspend_never initial_suspend() noexcept { return {}; }
    /// Frees the frame as soon as the body ends.
    std::suspend_never final_suspend() noexcept { return {}; }
    /// A task ends without a value; its results go where its loop says.
    void return_void() noexcept {}
    /// A task that lets an exception escape is a bug in the model: there is nobody to report to.
    [[noreturn]] void unhandled_exception() noexcept { std::terminate(); }
    /// The frame, from the arena of the coroutine's first argument (its loop).
    template <typename Loop, typename... Rest>
    static void* operator new(std::size_t bytes, Loop& loop, const Rest&... /*rest*/) {
      return loop.frames.allocate(bytes);
    }
    /// Gives the frame back to its arena (from whichever thread the task ended on).
    static void operator delete(void* frame, std::size_t /*bytes*/) noexcept { FrameArena::deallocate(frame); }
  };
};

}  // namespace concur
