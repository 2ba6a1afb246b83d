// Pool model.
static constexpr char kLesson[] = R"(A fixed set of worker threads (boost::asio::thread_pool, --workers of them, by
default one per core) takes tasks from a shared queue. Threads are made once, not per task,
so a pool is cheap at any task count, and it uses every core for computing. But it caps
concurrency at its size: with two workers, at most two tasks are in flight, so twenty waits
take ten delays. A pool is the right tool for CPU work and the wrong one for many waits.)";

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

#include "models/first_error.hpp"
#include "models/model.hpp"

namespace concur {
namespace {

class PoolModel final : public Model {
 public:
  void run(RunContext& ctx) override {
    FirstError error;
    boost::asio::thread_pool pool(ctx.workers);
    for (std::size_t i = 0; i < ctx.work.size(); ++i) {
      boost::asio::post(pool, [&ctx, &error, i] {
        try {
          run_task_blocking(ctx, i);
        } catch (...) {
          error.capture(std::current_exception());
        }
      });
    }
    pool.join();
    error.rethrow_if_any();
  }
};

}  // namespace

/// Registry entry for the pool model.
ModelInfo pool_model() {
  return {"pool", "a fixed pool of --workers threads (boost::asio::thread_pool)", kLesson,
          [](std::int64_t tasks, std::int64_t workers) {
            const auto n = std::min(tasks, workers);
            return Concurrency{n, n};
          },
          []() -> std::unique_ptr<Model> { return std::make_unique<PoolModel>(); },
          {"--workers threads made once, a shared queue, a lock per hand-over. Cheap at any task count, but it "
           "never runs more tasks at once than it has workers.",
           "CPU-bound work: size it to the cores. For waits it is the wrong tool, unless capping concurrency is "
           "the point (not overloading a server).",
           "concur-demo sleep --model pool,async --workers 2 --timeline"}};
}

}  // namespace concur
