// The distribution-costs lesson's judge, from fixed measurements: mpi's ranks gain once they are
// up, and the launch told in the mpi row's note costs it the lead over fork.
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "registry/lesson_verdicts.hpp"
#include "registry/lessons.hpp"

using namespace concur;

namespace {

ModelResult row(const std::string& model, double wall_s, std::optional<double> speedup, std::string note = {}) {
  ModelResult m;
  m.model = model;
  m.verified = true;
  m.wall_s.median = wall_s;
  m.speedup = speedup;
  m.note = std::move(note);
  return m;
}

std::string note_with_launch(const std::string& launch) {
  return "2 ranks on vm · launch " + launch +
         " (mpirun to every rank ready) + work 1.10 s (the row's wall time) + shutdown 200 ms (MPI_Finalize, mpirun "
         "exiting) · moved between ranks: 61 B of job out, 271 KiB of results gathered to rank 0";
}

// Factorials: sequential 2 s, fork and mpi's ranks about 1.8× once running.
Report report_with(const std::string& mpi_note, double mpi_speedup = 1.8) {
  Report report;
  report.machine.cores = 2;
  ScenarioResult s;
  s.scenario = "factorial";
  s.tasks = 4;
  s.rows = {row("sequential", 2.0, 1.0), row("fork", 1.1, 1.8), row("mpi", 2.0 / mpi_speedup, mpi_speedup, mpi_note)};
  report.scenarios.push_back(std::move(s));
  return report;
}

}  // namespace

TEST(LessonJudge, DistributionGainsOnceTheRanksAreUpAndTheLaunchCostsItTheLead) {
  const LessonVerdict shown = judge_distribution_costs(report_with(note_with_launch("900 ms")));
  EXPECT_EQ(shown.shown, Shown::yes) << shown.what;
  EXPECT_NE(shown.what.find("900 ms launch"), std::string::npos) << shown.what;
  EXPECT_NE(shown.what.find("0.99× counting"), std::string::npos) << shown.what;  // 2 s / (1.11 s + 0.9 s)
  EXPECT_EQ(judge_distribution_costs(report_with(note_with_launch("1.20 s"))).shown, Shown::yes);

  const LessonVerdict free_launch = judge_distribution_costs(report_with(note_with_launch("2 ms")));
  EXPECT_EQ(free_launch.shown, Shown::no);
  EXPECT_EQ(free_launch.why, "the launch cost mpi nothing against fork");

  const LessonVerdict no_gain = judge_distribution_costs(report_with(note_with_launch("900 ms"), 1.0));
  EXPECT_EQ(no_gain.shown, Shown::no);
  EXPECT_EQ(no_gain.why, "mpi's ranks gained only 1.00×");

  const LessonVerdict untold = judge_distribution_costs(report_with("2 ranks on vm"));
  EXPECT_EQ(untold.shown, Shown::no);
  EXPECT_EQ(untold.why, "the mpi row's note told no launch time");
}
