// The pieces that keep runs clean: the scratch table the interrupt handler empties, and the
// measuring process's check that a model gives back every file descriptor it opened (the
// conformance suite then checks that for every model on every scenario).
#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "child_process.hpp"
#include "measure/isolated_run.hpp"
#include "registry/registry.hpp"
#include "sys/open_descriptors.hpp"
#include "sys/scratch_paths.hpp"

using namespace concur;
using namespace std::chrono_literals;

TEST(ScratchPaths, RemovesRegisteredDirectoriesWithTheirContentAndFiles) {
  const test::ScratchDir root;
  const std::string tree = root / "tree", file = root / "report.tmp", kept = root / "kept";
  std::filesystem::create_directories(tree + "/sub/deeper");
  for (int i = 0; i < 300; ++i) std::ofstream(tree + "/f" + std::to_string(i)) << i;  // more than one getdents buffer
  std::ofstream(tree + "/sub/deeper/x") << "x";
  std::filesystem::create_symlink(kept, tree + "/link-out");  // a link is removed, never followed
  std::ofstream(file) << "partial report";
  std::ofstream(kept) << "not scratch";
  {
    const ScratchPath a(tree), b(file);
    remove_scratch_paths_now();
  }
  EXPECT_FALSE(std::filesystem::exists(tree));
  EXPECT_FALSE(std::filesystem::exists(file));
  EXPECT_TRUE(std::filesystem::exists(kept));
  // The ScratchPaths are gone, so their paths left the table: made again, they stay.
  std::filesystem::create_directories(tree);
  std::ofstream(file) << "a new report";
  remove_scratch_paths_now();
  EXPECT_TRUE(std::filesystem::exists(tree));
  EXPECT_TRUE(std::filesystem::exists(file));
}

TEST(OpenDescriptors, NamesWhatWasLeftOpen) {
  const auto before = open_descriptors();
  EXPECT_EQ(descriptors_left_open(before, open_descriptors()), "");
  const int fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  const std::string left = descriptors_left_open(before, open_descriptors());
  ::close(fd);
  EXPECT_NE(left.find("1 left open"), std::string::npos) << left;
  EXPECT_NE(left.find("/dev/null"), std::string::npos) << left;
}

namespace {

// A model that forgets to close what it opens: the measuring process must notice.
class LeakyModel final : public Model {
 public:
  void run(RunContext& ctx) override {
    (void)::open("/dev/null", O_RDONLY | O_CLOEXEC);
    for (std::size_t i = 0; i < ctx.work.size(); ++i) run_task_blocking(ctx, i);
  }
};

}  // namespace

TEST(OpenDescriptors, ALeakingModelFailsItsRow) {
  const ModelInfo leaky{"leaky",
                        "opens /dev/null and never closes it",
                        "",
                        [](std::int64_t, std::int64_t) {
                          return Concurrency{1, 1};
                        },
                        []() -> std::unique_ptr<Model> { return std::make_unique<LeakyModel>(); },
                        [](std::int64_t, std::int64_t) { return Footprint{}; }};
  ScenarioOptions o;
  o.tasks = 2;
  o.delay = 1ms;
  auto scenario = find_scenario("sleep")->make(o);
  const RunSample s = run_isolated(leaky, *scenario, 2, 1);
  EXPECT_FALSE(s.record.verified);
  EXPECT_NE(s.failure.find("leaked file descriptors"), std::string::npos) << s.failure;
  EXPECT_NE(s.failure.find("/dev/null"), std::string::npos) << s.failure;
}
