// Pool model.
static constexpr char kLesson[] = R"(A fixed set of worker threads (boost::asio::thread_pool, --workers of them, by
default one per core) takes tasks from a shared queue. Threads are made once, not per task,
so a pool is cheap at any task count, and it uses every core for computing. But it caps
concurrency at its size: with two workers, at most two tasks are in flight, so twenty waits
take ten delays. A pool is the right tool for CPU work and the wrong one for many waits.)";

#include <algorithm>
#include <thread>
#include <vector>

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

#include "core/bytes.hpp"
#include "models/model.hpp"
#include "models/support/creation_failure.hpp"
#include "models/support/first_error.hpp"

namespace concur {
namespace {

using namespace concur::literals;

// As for the thread model: about 46 KiB of memory per thread, rounded up.
constexpr std::uint64_t kResidentPerWorker = 64_KiB;

class PoolModel final : public Model {
 public:
  void run(RunContext& ctx) override {
    FirstError error;
    // thread_pool(n) makes its n threads in its constructor, and when the machine refuses one
    // it hangs joining the others, which wait for work that never ends. So the pool starts
    // with no thread of its own and each worker joins it through attach(): a refusal then
    // stops the pool and every worker already made returns.
    boost::asio::thread_pool pool(0);
    std::vector<std::thread> workers;
    const auto stop_and_join = [&] {
      pool.stop();
      for (auto& t : workers) t.join();
    };
    try {
      workers.reserve(ctx.workers);
      for (unsigned w = 0; w < ctx.workers; ++w) workers.emplace_back([&pool] { pool.attach(); });
    } catch (const std::exception& e) {
      stop_and_join();
      throw creation_failure("worker thread creation", workers.size(), "workers", e);
    }
    std::size_t queued = 0;
    try {
      for (; queued < ctx.work.size(); ++queued) {
        boost::asio::post(pool, [&ctx, &error, i = queued] {
          try {
            run_task_blocking(ctx, i);
          } catch (...) {
            error.capture(std::current_exception());
          }
        });
      }
    } catch (const std::exception& e) {
      stop_and_join();
      throw creation_failure("queueing tasks", queued, "tasks", e);
    }
    // wait() gives up the pool's own claim on work: once the queue is empty the scheduler
    // stops and every attached worker returns, so joining them is waiting for the tasks.
    pool.wait();
    for (auto& t : workers) t.join();
    error.rethrow_if_any();
  }
};

}  // namespace

/// Registry entry for the pool model.
ModelInfo pool_model() {
  return {.name = "pool",
          .blurb = "a fixed pool of --workers threads (boost::asio::thread_pool)",
          .lesson = kLesson,
          .concurrency =
              [](std::int64_t tasks, std::int64_t workers) {
                const auto n = std::min(tasks, workers);
                return Concurrency{n, n};
              },
          .make = []() -> std::unique_ptr<Model> { return std::make_unique<PoolModel>(); },
          .footprint =
              [](std::int64_t tasks, std::int64_t workers) {
                return Footprint{.threads = workers,
                                 .files_open = std::min(tasks, workers),
                                 .resident_bytes = static_cast<std::uint64_t>(workers) * kResidentPerWorker};
              },
          .guide = {.cost = "--workers threads made once, a shared queue, a lock per hand-over. Cheap at any task "
                            "count, but it never runs more tasks at once than it has workers.",
                    .use_when = "CPU-bound work: size it to the cores. For waits it is the wrong tool, unless "
                                "capping concurrency is the point (not overloading a server).",
                    .demo = "concur-demo sleep --model pool,async --workers 2 --timeline"}};
}

}  // namespace concur
