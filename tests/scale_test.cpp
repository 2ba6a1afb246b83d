// The machinery that lets the models scale, checked for behaviour (never for speed: timings
// live in tests/bench/): fiber stack slots and the fibers' scheduler, the fork model's framed
// results, and many thousands of tasks under the models built for them.
#include <gtest/gtest.h>

#include <sys/mman.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <new>
#include <thread>
#include <vector>

#include <boost/fiber/all.hpp>

#include "measure/isolated_run.hpp"
#include "models/support/fiber_sharing.hpp"
#include "models/support/fiber_stacks.hpp"
#include "registry/registry.hpp"
#include "sanitizer_support.hpp"

using namespace concur;
using namespace std::chrono_literals;

TEST(FiberStacks, HandsOutPageAlignedSlotsAndRecyclesThem) {
  constexpr std::size_t kSlot = 64 * std::size_t{1024};
  auto stacks = FiberStacks::reserve(2, kSlot);
  const auto a = stacks->take();
  const auto b = stacks->take();
  EXPECT_EQ(a.size, kSlot);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(a.sp) % 4096, 0U);
  EXPECT_EQ(static_cast<std::byte*>(b.sp) - static_cast<std::byte*>(a.sp), static_cast<std::ptrdiff_t>(kSlot));
  EXPECT_THROW(stacks->take(), std::bad_alloc);
  stacks->give_back(a);
  const auto again = stacks->take();
  EXPECT_EQ(again.sp, a.sp);  // a finished fiber's slot, pages already resident, goes to the next one
  EXPECT_EQ(again.size, kSlot);
}

// Pages of the slots in [first, first + count) that are resident, by mincore().
std::size_t resident_pages(const boost::context::stack_context& first, std::size_t count) {
  const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  auto* start = static_cast<unsigned char*>(first.sp) - first.size;
  std::vector<unsigned char> in_core(count * first.size / page);
  EXPECT_EQ(::mincore(start, count * first.size, in_core.data()), 0);
  std::size_t resident = 0;
  for (const unsigned char c : in_core) resident += c & 1U;
  return resident;
}

TEST(FiberStacks, GivesAWholeFreeGroupsPagesBackAndHandsItsSlotsOutAgain) {
  constexpr std::size_t kSlot = 16 * std::size_t{1024};
  constexpr std::size_t kGroup = FiberStacks::kReleaseGroup;
  auto stacks = FiberStacks::reserve(2 * kGroup, kSlot);
  std::vector<boost::context::stack_context> taken;
  for (std::size_t i = 0; i < 2 * kGroup; ++i) {
    taken.push_back(stacks->take());
    static_cast<volatile std::byte*>(taken.back().sp)[-1] = std::byte{1};  // a fiber's first frame
  }
  EXPECT_EQ(resident_pages(taken.front(), 2 * kGroup), 2 * kGroup);
  for (std::size_t i = 0; i + 1 < kGroup; ++i) stacks->give_back(taken[i]);
  EXPECT_EQ(resident_pages(taken.front(), kGroup), kGroup);  // one slot of the group still in use
  stacks->give_back(taken[kGroup - 1]);
  EXPECT_EQ(resident_pages(taken.front(), kGroup), 0U);      // the whole group went back
  EXPECT_EQ(resident_pages(taken[kGroup], kGroup), kGroup);  // its neighbour group did not
  for (std::size_t i = 0; i < kGroup; ++i) EXPECT_EQ(stacks->take().sp, taken[i].sp);
  EXPECT_THROW(stacks->take(), std::bad_alloc);
}

// Boost's shared_work let a worker that found the queue empty sleep until a fiber of its own
// was due: a helper idle before the first fiber was made ran none of the run's fibers. Here
// the helper is idle (it has nothing at all to wait for) before any fiber exists, and the
// fibers compute: a helper left asleep would run none of them.
TEST(FiberSharing, AWorkerIdleBeforeTheFirstFiberStillTakesPart) {
  namespace fibers = boost::fibers;
  const auto pool = FiberPool::make();
  fibers::use_scheduling_algorithm<FiberSharing>(pool);
  fibers::mutex mutex;
  fibers::condition_variable_any done_cv;
  bool done = false;
  std::atomic<int> on_helper{0};
  std::atomic<bool> helper_parked{false};
  std::thread helper([&] {
    fibers::use_scheduling_algorithm<FiberSharing>(pool);
    std::unique_lock lock(mutex);
    helper_parked = true;
    done_cv.wait(lock, [&] { return done; });  // only the main thread's notify wakes it
  });
  while (!helper_parked) std::this_thread::yield();
  std::this_thread::sleep_for(20ms);  // the helper's scheduler finds no fiber and sleeps
  const std::thread::id main_thread = std::this_thread::get_id();
  constexpr int kFibers = 200;
  std::vector<fibers::fiber> computing;
  computing.reserve(kFibers);
  for (int i = 0; i < kFibers; ++i) {
    computing.emplace_back([&] {
      const auto until = std::chrono::steady_clock::now() + 200us;
      while (std::chrono::steady_clock::now() < until) {
      }
      if (std::this_thread::get_id() != main_thread) ++on_helper;
    });
  }
  for (auto& f : computing) f.join();
  {
    std::unique_lock lock(mutex);
    done = true;
  }
  done_cv.notify_all();  // a remote wake: the helper's notify()
  helper.join();
  EXPECT_GT(on_helper.load(), 0) << "the idle helper ran none of " << kFibers << " fibers";
}

TEST(ForkFrames, ResultsLongerThanOneFrameArriveWholeFromManyChildren) {
  // 5,000! has about 54,000 bits: each result spans two PIPE_BUF frames, and six children
  // write into the shared pipe at about the same time.
  ScenarioOptions o;
  o.tasks = 6;
  o.factorial = 5'000;
  auto scenario = find_scenario("factorial")->make(o);
  const RunSample s = run_isolated(*find_model("fork"), *scenario, 6, 2);
  EXPECT_TRUE(s.record.verified) << s.failure;
  EXPECT_EQ(s.record.processes, 7);
}

TEST(ManyTasks, CoroutinesFibersAndProcessesByTheThousand) {
  ScenarioOptions o;
  // Waits long enough that a sanitizer build, whose forks take milliseconds, still starts the
  // next child before the last one ends.
  o.delay = 20ms;
  for (const auto& [model, tasks] : {std::pair{"async", 20'000}, {"fiber", 5'000}, {"fork", 300}}) {
    if (!test::sanitizer_follows(model)) continue;
    o.tasks = tasks;
    auto scenario = find_scenario("sleep")->make(o);
    const RunSample s = run_isolated(*find_model(model), *scenario, static_cast<std::size_t>(tasks), 2);
    EXPECT_TRUE(s.record.verified) << model << ": " << s.failure;
    EXPECT_GT(s.record.max_in_flight, 1) << model;
  }
}
