// Fiber model.
static constexpr char kLesson[] = R"(Fibers are threads the program schedules itself (Boost.Fiber): each has its own
small stack, and switching between them is a function call, not a trip through the kernel.
Here a work-sharing scheduler spreads them over --workers OS threads, so a fiber that sleeps
lets another run, and fibers that compute use every worker's core. The catch is that fibers
cooperate: a blocking system call, such as a plain read(), stalls its whole worker thread.)";

#include <algorithm>
#include <thread>
#include <vector>

#include <boost/fiber/algo/shared_work.hpp>
#include <boost/fiber/all.hpp>

#include "models/first_error.hpp"
#include "models/model.hpp"

namespace concur {
namespace {

namespace fibers = boost::fibers;

// A fiber that sleeps lets its worker thread run other fibers, so the task's CPU count pauses
// across the sleep (the thread's clock would otherwise bill it for theirs).
Outcome sleep_fiber(RunContext& ctx, std::size_t index, std::chrono::nanoseconds duration) {
  const auto start = std::chrono::steady_clock::now();
  record_pause(ctx, index);
  boost::this_fiber::sleep_for(duration);
  record_resume(ctx, index);
  return Outcome{static_cast<std::uint64_t>((std::chrono::steady_clock::now() - start).count()), 0, {}};
}

Outcome perform_fiber(RunContext& ctx, std::size_t index) {
  const Work& work = ctx.work[index];
  if (const auto* s = std::get_if<SleepWork>(&work)) return sleep_fiber(ctx, index, s->duration);
  if (const auto* c = std::get_if<CountWork>(&work)) {
    say("One");
    Outcome waited = sleep_fiber(ctx, index, c->duration);
    say("Two");
    return waited;
  }
  return perform_blocking(work);  // no fiber-aware file I/O exists: the read blocks the worker
}

// Completion shared by all fibers; fiber-aware primitives so waiting on it lets fibers run.
struct Finish {
  fibers::mutex mutex;
  fibers::condition_variable_any done_cv;
  std::size_t remaining = 0;

  void one_done() {
    std::unique_lock lock(mutex);
    if (--remaining == 0) done_cv.notify_all();
  }
  void wait() {
    std::unique_lock lock(mutex);
    done_cv.wait(lock, [this] { return remaining == 0; });
  }
};

class FiberModel final : public Model {
 public:
  void run(RunContext& ctx) override {
    // shared_work: one ready queue for all worker threads; `true` lets idle workers sleep
    // instead of spinning, so waiting costs no CPU.
    fibers::use_scheduling_algorithm<fibers::algo::shared_work>(true);
    FirstError error;
    Finish finish;
    finish.remaining = ctx.work.size();
    std::vector<std::thread> helpers;
    for (unsigned w = 1; w < ctx.workers; ++w) {
      helpers.emplace_back([&finish] {
        fibers::use_scheduling_algorithm<fibers::algo::shared_work>(true);
        finish.wait();  // this thread's main fiber parks here; the scheduler runs shared fibers
      });
    }
    for (std::size_t i = 0; i < ctx.work.size(); ++i) {
      fibers::fiber([&ctx, &error, &finish, i] {
        try {
          record_start(ctx, i);
          ctx.outcomes[i] = perform_fiber(ctx, i);
          record_end(ctx, i);
        } catch (...) {
          error.capture(std::current_exception());
        }
        finish.one_done();
      }).detach();
    }
    finish.wait();
    for (auto& t : helpers) t.join();
    error.rethrow_if_any();
  }
};

}  // namespace

/// Registry entry for the fiber model.
ModelInfo fiber_model() {
  return {"fiber", "Boost.Fiber user-space threads shared over --workers OS threads", kLesson,
          [](std::int64_t tasks, std::int64_t workers) { return Concurrency{tasks, std::min(tasks, workers)}; },
          []() -> std::unique_ptr<Model> { return std::make_unique<FiberModel>(); },
          {"a small stack per fiber and user-space switches: far cheaper than threads per task, while still using "
           "--workers OS threads for parallel computing.",
           "many tasks written as straight-line code that both wait and compute, as long as every wait goes "
           "through a fiber-aware call; one plain blocking call stalls a whole worker.",
           "concur-demo sleep --tasks 1000 --model thread,fiber,async"}};
}

}  // namespace concur
