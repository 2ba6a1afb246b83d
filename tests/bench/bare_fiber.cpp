// The fiber row's floor: the same fibers as concur-demo's fiber model (Boost.Fiber, its
// FiberSharing scheduler over WORKERS threads, stacks from FiberStacks, boost::this_fiber::
// sleep_for), without the tool around them: no measuring process, no task records, no
// outcomes, no timing of each wait. Prints one JSON line like the peers (scenarios/peers/peer.py).
//
//   bare_fiber TASKS DELAY_MS [WORKERS]
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <vector>

#include <boost/fiber/all.hpp>

#include "models/support/fiber_sharing.hpp"
#include "models/support/fiber_stacks.hpp"

namespace fibers = boost::fibers;

int main(int argc, char** argv) {
  if (argc != 3 && argc != 4) {
    std::fprintf(stderr, "usage: bare_fiber TASKS DELAY_MS [WORKERS]\n");
    return 2;
  }
  const std::size_t tasks = std::strtoul(argv[1], nullptr, 10);
  const auto delay = std::chrono::milliseconds(std::atoi(argv[2]));
  const unsigned workers = argc == 4 ? static_cast<unsigned>(std::atoi(argv[3])) : 2;
  constexpr std::size_t kStackSlot = 64 * std::size_t{1024};  // as the fiber model's

  const auto start = std::chrono::steady_clock::now();
  const auto pool = concur::FiberPool::make();
  fibers::use_scheduling_algorithm<concur::FiberSharing>(pool);
  std::atomic<std::size_t> remaining{tasks};
  fibers::mutex mutex;
  fibers::condition_variable_any all_done;
  const auto wait_all = [&] {
    std::unique_lock lock(mutex);
    all_done.wait(lock, [&] { return remaining.load() == 0; });
  };
  std::vector<std::thread> helpers;
  for (unsigned w = 1; w < workers; ++w)
    helpers.emplace_back([&] {
      fibers::use_scheduling_algorithm<concur::FiberSharing>(pool);
      wait_all();
    });
  concur::FiberStackAllocator stacks(concur::FiberStacks::reserve(tasks, kStackSlot));
  for (std::size_t i = 0; i < tasks; ++i)
    fibers::fiber(std::allocator_arg, stacks, [&] {
      boost::this_fiber::sleep_for(delay);
      if (remaining.fetch_sub(1) == 1) {
        std::unique_lock lock(mutex);
        all_done.notify_all();
      }
    }).detach();
  wait_all();
  for (auto& t : helpers) t.join();
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("{\"wall_s\": %.9f, \"tasks\": %zu, \"verified\": true}\n", wall, tasks);
}
