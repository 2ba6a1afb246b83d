// A bound on the file reads the async model keeps in flight at once, and why it must exist.
//
// Asio 1.81 (Boost 1.81, Debian 12) runs io_uring beside its epoll reactor: the ring signals an
// eventfd, and each time that eventfd is readable Asio reaps at most 128 completions
// (io_uring_service::complete_batch_size) and reads the eventfd back to zero. Completions beyond
// those 128 stay in the ring, and nothing signals the eventfd again until a new completion
// arrives. With several hundred reads in flight, a burst of more than 128 completions leaves the
// rest unreaped once the last new read has been submitted: every remaining coroutine waits for a
// completion that is already there, and the loop sleeps in epoll_wait for ever. (`files --tasks
// 500 --size 4KiB -m async` hung every time.) Keeping fewer reads in flight than one batch
// reaps all of them on every wake-up, so no completion can be left behind; it also bounds the
// files the model holds open at once, which the limit check counts.
#pragma once

#include <cstddef>
#include <deque>
#include <exception>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace concur {

/// Reads (and open files) the async model keeps in flight at most: half of Asio's batch of 128
/// completions, leaving room for the loop's own operations (its timeout, cancellations).
inline constexpr std::size_t kAsyncReadsInFlight = 64;

/// A counting gate for coroutines on one io_context thread: acquire() waits for a free slot.
/// Not thread-safe, and need not be: every coroutine of the async model runs on the loop thread.
class ReadSlots {
 public:
  /// A gate with `slots` free slots.
  explicit ReadSlots(std::size_t slots) : free_(slots) {}
  ReadSlots(const ReadSlots&) = delete;
  ReadSlots& operator=(const ReadSlots&) = delete;

  /// Holds one slot until destroyed.
  class Held {
   public:
    /// Takes ownership of one slot of `slots`.
    explicit Held(ReadSlots& slots) : slots_(&slots) {}
    /// Gives the slot back (to the longest waiter, if any).
    ~Held() {
      // release() cancels a timer, which Asio reports failing only through an exception; it
      // cannot fail for a live timer, and a destructor must not throw: a failure ends the process.
      try {
        if (slots_ != nullptr) slots_->release();
      } catch (...) {
        std::terminate();
      }
    }
    /// Moves the slot to a new holder.
    Held(Held&& other) noexcept : slots_(other.slots_) { other.slots_ = nullptr; }
    Held(const Held&) = delete;
    Held& operator=(const Held&) = delete;
    Held& operator=(Held&&) = delete;

   private:
    ReadSlots* slots_;
  };

  /// Waits until a slot is free and takes it; first come, first served.
  boost::asio::awaitable<Held> acquire() {
    if (free_ > 0) {
      --free_;
      co_return Held(*this);
    }
    // Parked on a timer that never expires: release() cancels it to hand this waiter its slot.
    boost::asio::steady_timer wake(co_await boost::asio::this_coro::executor,
                                   boost::asio::steady_timer::time_point::max());
    const Waiting in_line(*this, wake);
    boost::system::error_code cancelled;
    co_await wake.async_wait(boost::asio::redirect_error(boost::asio::use_awaitable, cancelled));
    co_return Held(*this);  // the slot came straight from release(): free_ was never raised
  }

 private:
  void release() {
    if (waiting_.empty()) {
      ++free_;
      return;
    }
    boost::asio::steady_timer* next = waiting_.front();
    waiting_.pop_front();
    next->cancel();
  }

  // A waiter's place in line, left when its coroutine ends, however it ends: a frame destroyed
  // while parked (the loop torn down) must not stay in line for release() to wake.
  class Waiting {
   public:
    Waiting(ReadSlots& slots, boost::asio::steady_timer& wake) : slots_(slots), wake_(&wake) {
      slots_.waiting_.push_back(wake_);
    }
    ~Waiting() { std::erase(slots_.waiting_, wake_); }
    Waiting(const Waiting&) = delete;
    Waiting& operator=(const Waiting&) = delete;

   private:
    ReadSlots& slots_;
    boost::asio::steady_timer* wake_;
  };

  std::size_t free_;
  std::deque<boost::asio::steady_timer*> waiting_;
};

}  // namespace concur
