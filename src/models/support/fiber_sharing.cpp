#include "models/support/fiber_sharing.hpp"

namespace concur {

namespace fibers = boost::fibers;

// One wake at a time: a worker woken for one fiber usually finds many (the run makes them
// faster than a thread wakes), and a futex call for each would cost the maker more than the
// fiber. The woken worker wakes the next one itself if fibers are still waiting.
bool FiberSharing::claim_wake() noexcept {
  if (pool_->ready_.empty() || pool_->idle_ == 0 || pool_->waking_) return false;
  pool_->waking_ = true;
  return true;
}

void FiberSharing::awakened(fibers::context* ctx) noexcept {
  // The main and dispatcher fibers belong to their thread's stack and scheduler.
  if (ctx->is_context(fibers::type::pinned_context)) {
    own_.push_back(*ctx);
    return;
  }
  ctx->detach();  // any worker may attach it
  bool wake = false;
  {
    const std::lock_guard lock(pool_->mutex_);
    pool_->ready_.push_back(ctx);
    wake = claim_wake();
  }
  if (wake) pool_->wake_.notify_one();
}

fibers::context* FiberSharing::pick_next() noexcept {
  fibers::context* ctx = nullptr;
  bool wake = false;
  {
    const std::lock_guard lock(pool_->mutex_);
    if (!pool_->ready_.empty()) {
      ctx = pool_->ready_.front();
      pool_->ready_.pop_front();
      wake = claim_wake();
    }
  }
  if (wake) pool_->wake_.notify_one();
  if (ctx != nullptr) {
    fibers::context::active()->attach(ctx);
    return ctx;
  }
  if (!own_.empty()) {
    ctx = &own_.front();
    own_.pop_front();
  }
  return ctx;
}

bool FiberSharing::has_ready_fibers() const noexcept {
  const std::lock_guard lock(pool_->mutex_);
  return !pool_->ready_.empty() || !own_.empty();
}

void FiberSharing::suspend_until(const std::chrono::steady_clock::time_point& until) noexcept {
  std::unique_lock lock(pool_->mutex_);
  const auto woken = [this] { return !pool_->ready_.empty() || notified_; };
  ++pool_->idle_;
  if (until == std::chrono::steady_clock::time_point::max()) {
    pool_->wake_.wait(lock, woken);
  } else {
    pool_->wake_.wait_until(lock, until, woken);
  }
  --pool_->idle_;
  // Up, whatever woke it: a later arrival may wake another idle worker.
  pool_->waking_ = false;
  notified_ = false;
}

void FiberSharing::notify() noexcept {
  {
    const std::lock_guard lock(pool_->mutex_);
    notified_ = true;
  }
  // All idle workers share one condition variable; the others find nothing new and sleep again.
  pool_->wake_.notify_all();
}

}  // namespace concur
