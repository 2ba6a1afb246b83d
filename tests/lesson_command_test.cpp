// `concur-demo lesson` as a user meets it: the list, a mistyped name, a check's one verdict, a
// missing python3, and the lessons of parallelism on one core.
#include <gtest/gtest.h>

#include <sched.h>

#include <string>
#include <vector>

#include "registry/lessons.hpp"
#include "run_binary.hpp"

using namespace concur;
using test::run_binary;

TEST(LessonCommand, AloneListsEveryLessonWithItsCommand) {
  const auto r = run_binary({"lesson"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  for (const Lesson& l : lessons()) {
    EXPECT_NE(r.out.find(l.name), std::string::npos) << l.name;
    EXPECT_NE(r.out.find(l.command), std::string::npos) << l.name;
  }
}

TEST(LessonCommand, AMistypedLessonGetsTheNearestNameAndExit2) {
  const auto r = run_binary({"lesson", "waiting-overlap"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "concur-demo: no lesson called 'waiting-overlap' (did you mean 'waiting-overlaps'?) "
            "(concur-demo lesson lists them)\n");
}

TEST(LessonCommand, CheckNeedsALessonOrAllAndNotBoth) {
  EXPECT_EQ(run_binary({"lesson", "--check"}).exit_code, 2);
  const auto both = run_binary({"lesson", "waiting-overlaps", "--all"});
  EXPECT_EQ(both.exit_code, 2);
  EXPECT_EQ(both.err, "concur-demo: give one lesson or --all, not both\n");
}

TEST(LessonCommand, ACheckPrintsOneVerdictFromTheMeasurement) {
  const auto r = run_binary({"lesson", "blocking-stalls-the-loop", "--check"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.out.rfind("✓ blocking-stalls-the-loop: async-blocking kept 1 task in flight", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("1 of 1 lesson shown on this machine."), std::string::npos) << r.out;
}

TEST(LessonCommand, WithoutPython3ThePythonLessonIsSkippedAndSaysWhy) {
  const auto r = run_binary({"lesson", "python-gil", "--check"}, "/nonexistent");
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.out.rfind("– python-gil: python3 is not on the PATH", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("skipped: python-gil"), std::string::npos) << r.out;
}

namespace {

// `text` with every run of blanks and line breaks made one space: a verdict wraps to the width.
std::string one_line(const std::string& text) {
  std::string out;
  for (const char c : text) {
    const bool blank = c == ' ' || c == '\n';
    if (!blank || (!out.empty() && out.back() != ' ')) out.push_back(blank ? ' ' : c);
  }
  return out;
}

// Runs the binary on one core (the affinity mask it counts its cores by) and restores the mask.
test::BinaryResult on_one_core(const std::vector<std::string>& args) {
  cpu_set_t before;
  sched_getaffinity(0, sizeof before, &before);
  cpu_set_t one;
  CPU_ZERO(&one);
  for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu)
    if (CPU_ISSET(cpu, &before)) {
      CPU_SET(cpu, &one);
      break;
    }
  sched_setaffinity(0, sizeof one, &one);
  auto result = run_binary(args);
  sched_setaffinity(0, sizeof before, &before);
  return result;
}

}  // namespace

TEST(LessonCommand, OnOneCoreACheckSkipsTheLessonsOfParallelism) {
  const auto r = on_one_core({"lesson", "computing-needs-cores", "--check"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.out.rfind("– computing-needs-cores: it needs 2 cores to show a parallel gain, and this machine has 1", 0),
            0u)
      << r.out;
}

TEST(LessonCommand, OnOneCoreTheLessonOfParallelismRunsAndSaysItDidNotShowAndWhy) {
  const auto r = on_one_core({"lesson", "offload-computing"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("async-offload"), std::string::npos) << "the table comes first:\n" << r.out;
  EXPECT_NE(r.out.find("Look at: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("✗ not shown on this machine: "), std::string::npos) << r.out;
  EXPECT_NE(one_line(r.out).find("because this machine has 1 core, and a parallel gain needs 2"), std::string::npos)
      << r.out;
}
