// Models that run tasks on several threads must not let one task's exception escape a thread
// (std::terminate) nor lose it: they park the first one here and rethrow it after joining.
#pragma once

#include <atomic>
#include <exception>

namespace concur {

/// Keeps the first exception reported from any thread; later ones are dropped.
class FirstError {
 public:
  /// Stores `error` unless an earlier one is already stored. Safe from any thread.
  void capture(std::exception_ptr error) noexcept {
    bool expected = false;
    if (claimed_.compare_exchange_strong(expected, true)) {
      error_ = std::move(error);
      ready_.store(true, std::memory_order_release);
    }
  }
  /// Rethrows the stored exception, if any; call after every thread has been joined.
  void rethrow_if_any() const {
    if (ready_.load(std::memory_order_acquire)) std::rethrow_exception(error_);
  }

 private:
  std::atomic<bool> claimed_{false};
  std::atomic<bool> ready_{false};
  std::exception_ptr error_;
};

}  // namespace concur
