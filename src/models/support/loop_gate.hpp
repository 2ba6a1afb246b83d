// A bound on the file reads the async model keeps in flight at once, and why it must exist.
//
// Asio 1.81 (Boost 1.81, Debian 12) runs io_uring beside its epoll reactor: the ring signals an
// eventfd, and each time that eventfd is readable Asio reaps at most 128 completions and reads
// the eventfd back to zero. With several hundred reads in flight, a burst of more than 128
// completions leaves the rest in the ring with nothing to signal the eventfd again: the tasks
// wait for completions that have already arrived and the loop sleeps in epoll_wait for ever
// (`files --tasks 500 --size 4KiB -m async` hung). Fewer reads in flight than one batch are all
// reaped on every wake-up. The bound also caps the files the model holds open at once, which
// the limit check counts.
//
// The gate is for plain coroutines (LoopTask) on one event loop thread: a task co_awaits
// enter(), holds the returned slot while it reads, and the slot goes to the longest waiter
// when it is destroyed. Waiting for a slot is a suspension like any other co_await.
#pragma once

#include <coroutine>
#include <cstddef>
#include <deque>
#include <new>
#include <utility>

#include <boost/asio/post.hpp>

namespace concur {

/// Reads (and open files) the async model keeps in flight at most: half of Asio's batch of 128
/// completions, leaving room for the loop's own operations.
inline constexpr std::size_t kAsyncReadsInFlight = 64;

/// A counting gate for coroutines of one event loop; not thread-safe, and need not be: every
/// coroutine that enters it runs on the loop thread.
template <typename Executor>
class LoopGate {
 public:
  /// A gate with `slots` free slots; a waiter is resumed through `executor`.
  LoopGate(Executor executor, std::size_t slots) : executor_(std::move(executor)), free_(slots) {}
  LoopGate(const LoopGate&) = delete;
  LoopGate& operator=(const LoopGate&) = delete;

  /// One slot, given back (to the longest waiter, if any) when destroyed.
  class [[nodiscard]] Held {
   public:
    /// Takes ownership of one slot of `gate`.
    explicit Held(LoopGate& gate) noexcept : gate_(&gate) {}
    /// Gives the slot back.
    ~Held() {
      if (gate_ != nullptr) gate_->release();
    }
    /// Moves the slot to a new holder.
    Held(Held&& other) noexcept : gate_(std::exchange(other.gate_, nullptr)) {}
    Held(const Held&) = delete;
    Held& operator=(const Held&) = delete;
    Held& operator=(Held&&) = delete;

   private:
    LoopGate* gate_;
  };

  /// What `co_await gate.enter()` waits on: a free slot now, or the next one given back.
  class Entry {
   public:
    /// Enters `gate`.
    explicit Entry(LoopGate& gate) noexcept : gate_(gate) {}
    /// Takes a free slot at once if there is one.
    bool await_ready() const noexcept {
      if (gate_.free_ == 0) return false;
      --gate_.free_;
      return true;
    }
    /// Queues the coroutine; release() hands it a slot directly (free_ is not raised for it).
    void await_suspend(std::coroutine_handle<> waiter) { gate_.waiting_.push_back(waiter); }
    /// The slot, now held.
    Held await_resume() const noexcept { return Held(gate_); }

   private:
    LoopGate& gate_;
  };

  /// Waits until a slot is free and takes it; first come, first served.
  Entry enter() noexcept { return Entry(*this); }

 private:
  void release() noexcept {
    if (waiting_.empty()) {
      ++free_;
      return;
    }
    const std::coroutine_handle<> next = waiting_.front();
    waiting_.pop_front();
    // Resumed from the loop, not from inside the task that gave the slot back: a run of
    // waiters that each fail at once would otherwise nest one inside the other. Posting needs
    // a few bytes; without them the waiter is resumed here, which needs none.
    try {
      boost::asio::post(executor_, [next] { next.resume(); });
    } catch (const std::bad_alloc&) {
      next.resume();
    }
  }

  Executor executor_;
  std::size_t free_;
  std::deque<std::coroutine_handle<>> waiting_;
};

}  // namespace concur
