// The async row's floor: the same coroutines as concur-demo's async model (one LoopTask per
// task, its own Asio timer, co_await timer.async_wait(resume), frames in a FrameArena), on the
// same single-threaded io_context, without the tool around them: no measuring process, no task
// records, no outcomes, no verification beyond counting. What concur-demo adds on top of this
// is the tool's own cost. Prints one JSON line like the peers (scenarios/peers/peer.py).
//
//   bare_async TASKS DELAY_MS
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "models/support/frame_arena.hpp"
#include "models/support/loop_task.hpp"
#include "models/support/resume.hpp"

namespace {

namespace asio = boost::asio;
using Executor = asio::io_context::executor_type;
using Timer =
    asio::basic_waitable_timer<std::chrono::steady_clock, asio::wait_traits<std::chrono::steady_clock>, Executor>;

struct BareLoop {
  Executor executor;
  std::chrono::milliseconds delay;
  concur::FrameArena frames{};
  std::size_t done = 0;
};

concur::LoopTask sleep_task(BareLoop& loop) {
  Timer timer(loop.executor, loop.delay);
  co_await timer.async_wait(concur::resume);
  ++loop.done;
}

// Runs the tasks; the number that completed.
std::size_t run(std::size_t tasks, std::chrono::milliseconds delay) {
  asio::io_context io(1);
  BareLoop loop{.executor = io.get_executor(), .delay = delay};
  for (std::size_t i = 0; i < tasks; ++i) sleep_task(loop);
  io.run();
  return loop.done;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: bare_async TASKS DELAY_MS\n");
    return 2;
  }
  const std::size_t tasks = std::strtoul(argv[1], nullptr, 10);
  try {
    const auto start = std::chrono::steady_clock::now();
    const std::size_t done = run(tasks, std::chrono::milliseconds(std::atoi(argv[2])));
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("{\"wall_s\": %.9f, \"tasks\": %zu, \"verified\": %s}\n", wall, tasks,
                done == tasks ? "true" : "false");
    return done == tasks ? 0 : 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bare_async: %s\n", e.what());
    return 1;
  }
}
