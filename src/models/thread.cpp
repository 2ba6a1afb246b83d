// Thread model.
static constexpr char kLesson[] = R"(One std::thread per task. The kernel schedules every thread on its own, so
waiting tasks overlap and computing tasks spread over all cores: threads buy both concurrency
and parallelism. The price is an OS thread per task, each with its own stack and a kernel
object to create, schedule and join, so the cost grows with the number of tasks and the
machine refuses somewhere in the tens of thousands.)";

#include <pthread.h>

#include <thread>
#include <vector>

#include "core/bytes.hpp"
#include "models/model.hpp"
#include "models/support/creation_failure.hpp"
#include "models/support/first_error.hpp"

namespace concur {
namespace {

using namespace concur::literals;

// Measured on a 2-core Debian 12 machine: 20,000 sleeping threads took about 46 KiB each of
// memory (touched stack, kernel stack and task structures); rounded up, as estimates must be.
constexpr std::uint64_t kResidentPerThread = 64_KiB;

// The stack glibc reserves for each new thread (RLIMIT_STACK, usually 8 MiB): address space,
// not memory, unless overcommit is strict.
std::uint64_t default_thread_stack() {
  pthread_attr_t attr;
  std::size_t size = 8u << 20;
  if (::pthread_getattr_default_np(&attr) == 0) {
    ::pthread_attr_getstacksize(&attr, &size);
    ::pthread_attr_destroy(&attr);
  }
  return size;
}

class ThreadModel final : public Model {
 public:
  void run(RunContext& ctx) override {
    FirstError error;
    std::vector<std::thread> threads;
    try {
      threads.reserve(ctx.work.size());
      for (std::size_t i = 0; i < ctx.work.size(); ++i) {
        threads.emplace_back([&ctx, &error, i] {
          try {
            run_task_blocking(ctx, i);
          } catch (...) {
            error.capture(std::current_exception());
          }
        });
      }
    } catch (const std::exception& e) {
      // Creation refused (EAGAIN: a thread or process limit; bad_alloc): join what runs, then report.
      error.capture(std::make_exception_ptr(creation_failure("thread creation", threads.size(), "threads", e)));
    }
    for (auto& t : threads) t.join();
    error.rethrow_if_any();
  }
};

}  // namespace

/// Registry entry for the thread model.
ModelInfo thread_model() {
  return {.name = "thread",
          .blurb = "one std::thread per task: overlap and parallelism, an OS thread each",
          .lesson = kLesson,
          .concurrency =
              [](std::int64_t tasks, std::int64_t) {
                return Concurrency{tasks, tasks};
              },
          .make = []() -> std::unique_ptr<Model> { return std::make_unique<ThreadModel>(); },
          .footprint =
              [](std::int64_t tasks, std::int64_t) {
                const auto n = static_cast<std::uint64_t>(tasks);
                return Footprint{.threads = tasks,
                                 .files_open = tasks,
                                 .resident_bytes = n * kResidentPerThread,
                                 .reserved_bytes = n * default_thread_stack()};
              },
          .guide = {.cost = "an OS thread per task: a kernel object to create and join, and a stack each; cheap at "
                            "dozens of tasks, noticeable at thousands, refused in the tens of thousands.",
                    .use_when = "a modest number of tasks that wait or compute, when blocking code must stay as it "
                                "is. For many short tasks, a pool; for many waits, async or fibers.",
                    .demo = "concur-demo cpu --model sequential,thread,async --timeline"}};
}

}  // namespace concur
