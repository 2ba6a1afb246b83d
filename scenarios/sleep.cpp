// Sleep fan-out.
static constexpr char kLesson[] = R"(Every task only waits: nothing to compute, nothing to read, just a fixed
delay, like a request to a slow server. Run one after another, N tasks take N delays. Any model
that lets the waits overlap (threads, processes, coroutines, fibers) can finish all of them in
about one delay, even on a single core, because a waiting task needs no CPU. This is the cleanest
view of concurrency without parallelism, and of what each model charges per waiting task.)";

#include "scenarios/sleep.hpp"

#include <fmt/format.h>

#include "core/parse.hpp"

namespace concur {
namespace {

constexpr std::int64_t kSleepTasks = 20;

class WaitScenario final : public Scenario {
 public:
  WaitScenario(const ScenarioOptions& options, const WaitFanOut& shape)
      : title_(shape.title), delay_(options.delay.value_or(shape.delay)) {
    work_.assign(static_cast<std::size_t>(options.tasks.value_or(shape.tasks)),
                 SleepWork{.duration = delay_, .before = shape.before, .after = shape.after});
  }

  [[nodiscard]] std::string title() const override { return std::string(title_); }

  [[nodiscard]] std::vector<Param> params() const override {
    // Whole milliseconds stay integers in JSON (100, not 100.0); finer delays keep their fraction.
    if (delay_ % std::chrono::milliseconds(1) == std::chrono::nanoseconds(0))
      return {Param{.key = "delay_ms",
                    .value = std::chrono::duration_cast<std::chrono::milliseconds>(delay_).count(),
                    .display = format_duration(delay_)}};
    return {Param{.key = "delay_ms",
                  .value = std::chrono::duration<double, std::milli>(delay_).count(),
                  .display = format_duration(delay_)}};
  }

  [[nodiscard]] const WorkList& work() const override { return work_; }
  [[nodiscard]] Bound bound() const override { return Bound::io; }
  [[nodiscard]] std::chrono::nanoseconds task_time() const override { return delay_; }

  [[nodiscard]] Verdict verify(std::span<const Outcome> outcomes) const override {
    // A timer may fire late but never early; a task that "slept" less than asked did not wait.
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
      const auto slept = std::chrono::nanoseconds(outcomes[i].value);
      if (slept < delay_)
        return {false,
                fmt::format("task {} waited {} instead of {}", i, format_duration(slept), format_duration(delay_))};
    }
    return {true, {}};
  }

 private:
  std::string_view title_;
  std::chrono::nanoseconds delay_;
  WorkList work_;
};

}  // namespace

std::unique_ptr<Scenario> make_wait_fan_out(const ScenarioOptions& options, const WaitFanOut& shape) {
  return std::make_unique<WaitScenario>(options, shape);
}

/// Registry entry for the sleep scenario.
ScenarioInfo sleep_scenario() {
  return {.name = "sleep",
          .blurb = "sleep fan-out: N tasks each wait --delay (I/O-bound, nothing to compute)",
          .group = "io",
          .lesson = kLesson,
          .make =
              [](const ScenarioOptions& o) {
                return make_wait_fan_out(o, {.tasks = kSleepTasks,
                                             .delay = std::chrono::milliseconds(100),
                                             .title = "every task waits on a timer, nothing to compute (I/O-bound)"});
              },
          .size = [](const ScenarioOptions& o) { return ScenarioSize{.tasks = o.tasks.value_or(kSleepTasks)}; }};
}

}  // namespace concur
