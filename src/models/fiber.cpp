// Fiber model.
static constexpr char kLesson[] = R"(Fibers are threads the program schedules itself (Boost.Fiber): each has its own
small stack, and switching between them is a function call, not a trip through the kernel.
Here a work-sharing scheduler spreads them over --workers OS threads, so a fiber that sleeps
lets another run, and fibers that compute use every worker's core. The catch is that fibers
cooperate: a blocking system call, such as a plain read(), stalls its whole worker thread.)";

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

#include <boost/fiber/all.hpp>

#include "core/bytes.hpp"
#include "models/model.hpp"
#include "models/support/creation_failure.hpp"
#include "models/support/fetch_fiber.hpp"
#include "models/support/fiber_sharing.hpp"
#include "models/support/fiber_stacks.hpp"
#include "models/support/first_error.hpp"

namespace concur {
namespace {

using namespace concur::literals;

namespace fibers = boost::fibers;

// Measured on a 2-core Debian 12 machine: 100,000 sleeping fibers took about 11.5 KiB each of
// memory. A fiber's stack is reserved whole (stack_traits::default_size) but touched only as deep
// as the fiber runs, so memory is the touched part and address space the whole stack.
constexpr std::uint64_t kResidentPerFiber = 12_KiB;

// A fiber that sleeps lets its worker thread run other fibers, so the task's CPU count pauses
// across the sleep (the thread's clock would otherwise bill it for theirs).
Outcome sleep_fiber(RunContext& ctx, std::size_t index, const SleepWork& work) {
  const TimedWait wait(work);
  record_pause(ctx, index);
  boost::this_fiber::sleep_for(work.duration);
  record_resume(ctx, index);
  return wait.finish();
}

Outcome perform_fiber(RunContext& ctx, std::size_t index, FiberNetLoop& net) {
  const Work& work = ctx.work[index];
  if (const auto* s = std::get_if<SleepWork>(&work)) return sleep_fiber(ctx, index, *s);
  if (const auto* n = std::get_if<FetchWork>(&work)) return net.fetch(ctx, index, *n);
  return perform_blocking(work);  // no fiber-aware file I/O exists: the read blocks the worker
}

// Each stack slot reserves this much address space; only the pages a fiber touches become
// memory. Measured: a sleeping fiber reaches 1.2 KiB deep (one page), and Boost.Fiber's exit
// path 6.1 KiB (a second page, for a spinlock frame that reserves room for a random_device).
// The rest is headroom for deeper work (reads, big integers, exceptions): there is no guard
// page below a slot.
constexpr std::size_t kStackSlot = 64_KiB;

// Completion shared by all fibers; fiber-aware primitives so waiting on it lets fibers run.
// The count is atomic so that only the last fiber takes the lock, not all 100,000. Waiters wait
// for `all_done`, set under the lock, not for the count: a waiter that saw the count at zero
// could return, and the run destroy this object, while the last fiber was still on its way to
// the lock.
struct Finish {
  fibers::mutex mutex;
  fibers::condition_variable_any done_cv;
  std::atomic<std::size_t> remaining{0};
  bool all_done = false;  // under `mutex`

  void one_done() {
    if (remaining.fetch_sub(1, std::memory_order_acq_rel) != 1) return;
    std::unique_lock lock(mutex);
    all_done = true;
    done_cv.notify_all();
  }
  // `n` tasks will never start (their fibers or helpers could not be made): stop waiting for them.
  void cancel(std::size_t n) {
    std::unique_lock lock(mutex);
    if (remaining.fetch_sub(n, std::memory_order_acq_rel) != n) return;
    all_done = true;
    done_cv.notify_all();
  }
  void wait() {
    std::unique_lock lock(mutex);
    done_cv.wait(lock, [this] { return all_done; });
  }
};

class FiberModel final : public Model {
 public:
  void run(RunContext& ctx) override {
    // One ready queue for all worker threads (fiber_sharing.hpp: why not Boost's shared_work);
    // idle workers sleep instead of spinning, so waiting costs no CPU.
    const std::shared_ptr<FiberPool> pool = FiberPool::make();
    fibers::use_scheduling_algorithm<FiberSharing>(pool);
    FirstError error;
    Finish finish;
    finish.remaining = ctx.work.size();
    finish.all_done = ctx.work.empty();  // no fiber will ever say so
    FiberNetLoop net(ctx);               // the event loop the fibers' network steps run on, if any task fetches
    // The stacks' address space is reserved before any fiber starts; a refusal there is a
    // creation failure like any other, worded the same way.
    std::shared_ptr<FiberStacks> arena;
    try {
      arena = FiberStacks::reserve(ctx.work.size(), kStackSlot);
    } catch (const std::exception& e) {
      throw creation_failure("fiber creation", 0, "fibers", e);
    }
    FiberStackAllocator stacks(arena);
    std::vector<std::thread> helpers;
    // A refusal (EAGAIN for a helper thread, bad_alloc for a fiber's stack) must not leave
    // helpers parked forever nor fibers running on freed state: cancel what never started,
    // let what did finish, join the helpers, then report.
    const auto finish_early = [&](std::size_t not_started, std::runtime_error failure) {
      finish.cancel(not_started);
      finish.wait();
      for (auto& t : helpers) t.join();
      throw failure;
    };
    try {
      helpers.reserve(ctx.workers);
      for (unsigned w = 1; w < ctx.workers; ++w) {
        helpers.emplace_back([&finish, pool] {
          fibers::use_scheduling_algorithm<FiberSharing>(pool);
          finish.wait();  // this thread's main fiber parks here; the scheduler runs shared fibers
        });
      }
    } catch (const std::exception& e) {
      finish_early(ctx.work.size(), creation_failure("helper thread creation", helpers.size(), "helpers", e));
    }
    std::size_t launched = 0;
    try {
      for (; launched < ctx.work.size(); ++launched) {
        fibers::fiber(std::allocator_arg, stacks, [&ctx, &error, &finish, &net, i = launched] {
          try {
            record_start(ctx, i);
            ctx.outcomes[i] = perform_fiber(ctx, i, net);
            record_end(ctx, i);
          } catch (...) {
            error.capture(std::current_exception());
          }
          finish.one_done();
        }).detach();
      }
    } catch (const std::exception& e) {
      finish_early(ctx.work.size() - launched, creation_failure("fiber creation", launched, "fibers", e));
    }
    finish.wait();
    for (auto& t : helpers) t.join();
    error.rethrow_if_any();
  }
};

}  // namespace

/// Registry entry for the fiber model.
ModelInfo fiber_model() {
  return {.name = "fiber",
          .blurb = "Boost.Fiber user-space threads shared over --workers OS threads",
          .lesson = kLesson,
          .concurrency =
              [](std::int64_t tasks, std::int64_t workers) {
                return Concurrency{tasks, std::min(tasks, workers)};
              },
          .make = []() -> std::unique_ptr<Model> { return std::make_unique<FiberModel>(); },
          .footprint =
              [](std::int64_t tasks, std::int64_t workers) {
                const auto n = static_cast<std::uint64_t>(tasks);
                return Footprint{.threads = workers - 1,
                                 .files_open = std::min(tasks, workers),  // a read blocks its worker thread
                                 .resident_bytes = n * kResidentPerFiber,
                                 .reserved_bytes = n * boost::context::stack_traits::default_size()};
              },
          .guide = {.cost = "a small stack per fiber and user-space switches: far cheaper than threads per task, "
                            "while still using --workers OS threads for parallel computing.",
                    .use_when = "many tasks written as straight-line code that both wait and compute, as long as "
                                "every wait goes through a fiber-aware call; one plain blocking call stalls a "
                                "whole worker.",
                    .demo = "concur-demo sleep --tasks 1000 --model thread,fiber,async"}};
}

}  // namespace concur
