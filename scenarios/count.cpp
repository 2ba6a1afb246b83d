// One, a wait, Two.
static constexpr char kLesson[] = R"(Three tasks each say One, wait, and say Two, writing each word straight to the
terminal as they say it. Nothing else happens, so the order of the words is a picture of the
scheduling: a model that runs each task to its end prints One Two One Two One Two and takes three
waits; a model that keeps all three waiting at once prints One One One Two Two Two and takes one.
Coroutines show it best: each pauses at its wait, and its thread moves on to the next task's One.
The tasks are the sleep scenario's waits with words around them, so every model runs them as it
runs any wait.)";

#include <chrono>

#include "scenarios/sleep.hpp"

namespace concur {

/// Registry entry for the count scenario: the waits of `concur-demo count`, framed by words.
ScenarioInfo count_scenario() {
  return {.name = "count",
          .blurb = "One, a wait, Two: 3 tasks say One, wait --delay, say Two; the words show who overlapped",
          .group = "io",
          .lesson = kLesson,
          .make =
              [](const ScenarioOptions& o) {
                return make_wait_fan_out(o, {.tasks = 3,
                                             .delay = std::chrono::seconds(1),
                                             .title = "every task says One, waits, says Two (I/O-bound)",
                                             .before = "One",
                                             .after = "Two"});
              },
          .hidden = true};
}

}  // namespace concur
