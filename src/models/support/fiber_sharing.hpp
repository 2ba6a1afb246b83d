// The fiber model's scheduler: one ready queue shared by all worker threads, like Boost.Fiber's
// shared_work, with one difference that matters here. shared_work lets an idle worker sleep
// until a fiber of its own is due, and nothing wakes it when new fibers arrive in the shared
// queue. A helper thread that found the queue empty before the run's first fiber was made slept
// through the whole run: measured with 100,000 sleeping fibers over 2 workers, in 4 runs of 12
// the helper ran none of them and the run took 0.86-1.10 s instead of 0.60-0.72 s, and a
// computing run loses its second core the same way. Here a worker that adds fibers to the
// queue wakes one idle worker, which wakes the next if work is still left: every worker the
// user asked for takes part, in every run.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>

#include <boost/fiber/algo/algorithm.hpp>
#include <boost/fiber/context.hpp>
#include <boost/fiber/scheduler.hpp>

namespace concur {

/// The ready fibers of one run, shared by its worker threads, and the workers idle waiting for them.
class FiberPool {
 public:
  /// An empty pool; each worker thread installs a FiberSharing over it.
  static std::shared_ptr<FiberPool> make() { return std::make_shared<FiberPool>(); }

 private:
  friend class FiberSharing;
  std::mutex mutex_;                           ///< guards everything below
  std::condition_variable wake_;               ///< idle workers wait here
  std::deque<boost::fibers::context*> ready_;  ///< fibers ready to run on any worker
  unsigned idle_ = 0;                          ///< workers waiting on `wake_`
  bool waking_ = false;                        ///< one idle worker has been woken and is not up yet
};

/// A Boost.Fiber scheduling algorithm over a FiberPool: install it on every worker thread with
/// `boost::fibers::use_scheduling_algorithm<FiberSharing>(pool)`. Idle workers sleep, never spin.
class FiberSharing final : public boost::fibers::algo::algorithm {
 public:
  /// Shares `pool` with the run's other worker threads.
  explicit FiberSharing(std::shared_ptr<FiberPool> pool) : pool_(std::move(pool)) {}
  /// A fiber became ready: to this thread's own queue if it cannot move, else to the pool.
  void awakened(boost::fibers::context* ctx) noexcept override;
  /// The next fiber to run here: the pool's oldest, else one of this thread's own, else none.
  boost::fibers::context* pick_next() noexcept override;
  /// Whether pick_next() would find a fiber.
  bool has_ready_fibers() const noexcept override;
  /// Sleeps until `until`, until fibers reach the pool or until notify(), whichever is first.
  void suspend_until(const std::chrono::steady_clock::time_point& until) noexcept override;
  /// Wakes this worker: another thread made one of its own fibers ready.
  void notify() noexcept override;

 private:
  /// Wakes one idle worker if fibers wait and none is already on its way; call under the mutex.
  [[nodiscard]] bool claim_wake() noexcept;
  std::shared_ptr<FiberPool> pool_;                   ///< shared by the run's workers
  boost::fibers::scheduler::ready_queue_type own_{};  ///< this thread's pinned fibers (main, dispatcher)
  bool notified_ = false;                             ///< under the pool's mutex: notify() came
};

}  // namespace concur
