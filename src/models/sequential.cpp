// Sequential model.
static constexpr char kLesson[] = R"(One task after another on the calling thread: the baseline every other row is
compared with. While a task waits for a timer or the disk, nothing else happens; while it
computes, one core works and the others idle. Its time is the sum of all task times, and its
threads, processes and tasks-in-flight columns all read 1.)";

#include "models/model.hpp"

namespace concur {
namespace {

class SequentialModel final : public Model {
 public:
  void run(RunContext& ctx) override {
    for (std::size_t i = 0; i < ctx.work.size(); ++i) run_task_blocking(ctx, i);
  }
};

}  // namespace

/// Registry entry for the sequential model.
ModelInfo sequential_model() {
  return {.name = "sequential",
          .blurb = "one task after another on one thread: the baseline",
          .lesson = kLesson,
          .concurrency =
              [](std::int64_t, std::int64_t) {
                return Concurrency{1, 1};
              },
          .make = []() -> std::unique_ptr<Model> { return std::make_unique<SequentialModel>(); },
          // Nothing beyond the measuring thread, and one file open at a time.
          .footprint = [](std::int64_t, std::int64_t) { return Footprint{.files_open = 1}; },
          .guide = {.cost = "nothing beyond the work itself, and that is all it offers: every wait and every "
                            "computation adds up.",
                    .use_when = "the reference point, and real programs whose tasks are few, short, or must happen "
                                "in order.",
                    .demo = "concur-demo count --model sequential,async"}};
}

}  // namespace concur
