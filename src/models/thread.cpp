// Thread model.
static constexpr char kLesson[] = R"(One std::thread per task. The kernel schedules every thread on its own, so
waiting tasks overlap and computing tasks spread over all cores: threads buy both concurrency
and parallelism. The price is an OS thread per task, each with its own stack and a kernel
object to create, schedule and join, so the cost grows with the number of tasks and the
machine refuses somewhere in the tens of thousands.)";

#include <system_error>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "models/first_error.hpp"
#include "models/model.hpp"

namespace concur {
namespace {

class ThreadModel final : public Model {
 public:
  void run(RunContext& ctx) override {
    FirstError error;
    std::vector<std::thread> threads;
    threads.reserve(ctx.work.size());
    try {
      for (std::size_t i = 0; i < ctx.work.size(); ++i) {
        threads.emplace_back([&ctx, &error, i] {
          try {
            run_task_blocking(ctx, i);
          } catch (...) {
            error.capture(std::current_exception());
          }
        });
      }
    } catch (const std::system_error& e) {
      // Creation failed (usually EAGAIN: thread or process limit). Join what runs, then report.
      error.capture(std::make_exception_ptr(std::runtime_error(
          fmt::format("thread creation failed after {} threads: {}", threads.size(), e.code().message()))));
    }
    for (auto& t : threads) t.join();
    error.rethrow_if_any();
  }
};

}  // namespace

/// Registry entry for the thread model.
ModelInfo thread_model() {
  return {"thread", "one std::thread per task: overlap and parallelism, an OS thread each", kLesson,
          [](std::int64_t tasks, std::int64_t) { return Concurrency{tasks, tasks}; },
          []() -> std::unique_ptr<Model> { return std::make_unique<ThreadModel>(); },
          {"an OS thread per task: a kernel object to create and join, and a stack each; cheap at dozens of "
           "tasks, noticeable at thousands, refused in the tens of thousands.",
           "a modest number of tasks that wait or compute, when blocking code must stay as it is. For many "
           "short tasks, a pool; for many waits, async or fibers.",
           "concur-demo cpu --model sequential,thread,async --timeline"}};
}

}  // namespace concur
