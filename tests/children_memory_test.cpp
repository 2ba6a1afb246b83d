// The memory of a run's child processes, sampled while they live: a fork row's memory is in its
// children, and a sampler that missed them, or counted the pages they share with their parent,
// would show processes as nearly free.
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cstring>
#include <string_view>
#include <thread>
#include <vector>

#include "measure/children_memory.hpp"

using namespace concur;

namespace {

constexpr std::size_t kChildBytes = std::size_t{8} << 20;
constexpr int kChildren = 3;

// Children that each write `bytes` of their own, say so, and wait until told to end.
class WritingChildren {
 public:
  explicit WritingChildren(int count = kChildren, std::size_t bytes = kChildBytes) {
    int ready[2];
    EXPECT_EQ(::pipe(ready), 0);
    EXPECT_EQ(::pipe(release_), 0);
    for (int i = 0; i < count; ++i) {
      const pid_t pid = ::fork();
      if (pid == 0) {
        ::close(release_[1]);  // or the child itself would hold off the end of file it waits for
        ::close(ready[0]);
        std::vector<char> own(bytes);
        std::memset(own.data(), 1 + i % 100, own.size());
        const char byte = 'r';
        (void)!::write(ready[1], &byte, 1);
        char wait = 0;
        (void)!::read(release_[0], &wait, 1);  // end of file when the test lets go
        ::_exit(own[bytes / 2] == 1 + i % 100 ? 0 : 1);
      }
      pids_.push_back(pid);
    }
    ::close(ready[1]);
    ::close(release_[0]);
    for (int i = 0; i < count; ++i) {
      char byte = 0;
      EXPECT_EQ(::read(ready[0], &byte, 1), 1);
    }
    ::close(ready[0]);
  }
  ~WritingChildren() {
    ::close(release_[1]);
    for (const pid_t pid : pids_) ::waitpid(pid, nullptr, 0);
  }
  WritingChildren(const WritingChildren&) = delete;
  WritingChildren& operator=(const WritingChildren&) = delete;

 private:
  int release_[2] = {-1, -1};
  std::vector<pid_t> pids_;
};

}  // namespace

TEST(ChildrenMemory, CountsWhatEachChildWroteOfItsOwn) {
  const WritingChildren children;
  const auto kib = descendants_private_kib(::getpid());
  ASSERT_TRUE(kib.has_value());
  const std::int64_t written_kib = kChildren * static_cast<std::int64_t>(kChildBytes / 1024);
  EXPECT_GE(*kib, written_kib);
  // Pages shared with this process (its heap, its libraries) are not counted again per child.
  // A sanitizer's shadow of the bytes written is the child's own memory too, several times theirs.
  if (std::string_view(CONCUR_SANITIZER).empty()) {
    EXPECT_LT(*kib, written_kib + std::int64_t{kChildren} * 4 * 1024);
  }
}

TEST(ChildrenMemory, ManyChildrenAreCountedFromASampleScaledToAll) {
  // More children than a walk reads: the sum is scaled from the ones it read, and as every
  // child here wrote the same, it must come out at least what they wrote, and not far above.
  constexpr int kMany = 100;
  constexpr std::size_t kEach = std::size_t{2} << 20;
  const WritingChildren children(kMany, kEach);
  const auto kib = descendants_private_kib(::getpid());
  ASSERT_TRUE(kib.has_value());
  const std::int64_t written_kib = kMany * static_cast<std::int64_t>(kEach / 1024);
  EXPECT_GE(*kib, written_kib);
  if (std::string_view(CONCUR_SANITIZER).empty()) {
    EXPECT_LT(*kib, written_kib + std::int64_t{kMany} * 1024);
  }
}

TEST(ChildrenMemory, AWalkAskedToStopGivesNothing) {
  const WritingChildren children;
  std::stop_source stop;
  stop.request_stop();
  EXPECT_FALSE(descendants_private_kib(::getpid(), stop.get_token()).has_value());
}

TEST(ChildrenMemory, TheSamplerKeepsThePeakOfChildrenThatHaveSinceEnded) {
  ChildrenMemorySampler sampler(::getpid());
  {
    const WritingChildren children;
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // dozens of 5 ms pauses
  }
  const auto start = std::chrono::steady_clock::now();
  const std::int64_t peak = sampler.stop();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));  // stopping does not wait on a walk
  EXPECT_GE(peak, kChildren * static_cast<std::int64_t>(kChildBytes / 1024));
}

TEST(ChildrenMemory, NoChildrenIsNoMemory) {
  ChildrenMemorySampler sampler(::getpid());
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  EXPECT_EQ(sampler.stop(), 0);
}

TEST(ChildrenMemory, AnOnlyChildWithChildrenOfItsOwnCountsWithTheChildrenItForked) {
  // The fork model's shape: one parent process between this one and the many children. The
  // walk reads the parent and samples its children, scaling them to all of them.
  constexpr int kMany = 60;
  constexpr std::size_t kEach = std::size_t{2} << 20;
  int ready[2], release[2];
  ASSERT_EQ(::pipe(ready), 0);
  ASSERT_EQ(::pipe(release), 0);
  const pid_t middle = ::fork();
  if (middle == 0) {
    ::close(ready[0]);
    ::close(release[1]);
    {
      const WritingChildren children(kMany, kEach);
      const char byte = 'r';
      (void)!::write(ready[1], &byte, 1);
      char wait = 0;
      (void)!::read(release[0], &wait, 1);
    }
    ::_exit(0);
  }
  ::close(ready[1]);
  ::close(release[0]);
  char byte = 0;
  ASSERT_EQ(::read(ready[0], &byte, 1), 1);
  const auto kib = descendants_private_kib(::getpid());
  ::close(release[1]);
  ::close(ready[0]);
  ::waitpid(middle, nullptr, 0);
  ASSERT_TRUE(kib.has_value());
  const std::int64_t written_kib = kMany * static_cast<std::int64_t>(kEach / 1024);
  EXPECT_GE(*kib, written_kib);
  if (std::string_view(CONCUR_SANITIZER).empty()) {
    EXPECT_LT(*kib, written_kib + std::int64_t{kMany} * 1024 + std::int64_t{16} * 1024);
  }
}
