#include "registry/lesson_cause.hpp"

#include <fstream>

#include <fmt/format.h>

#include "core/counted.hpp"
#include "registry/registry.hpp"

namespace concur {
namespace {

// A busy machine: more runnable tasks than cores, beyond the one or two the lesson's own runs
// add to the average (a measured run of threads on both cores counts two).
constexpr double kBusyBeyondCores = 1.0;

}  // namespace

std::string missing_model(const Lesson& lesson) {
  if (lesson.needs_model.empty()) return {};
  const ModelInfo* model = find_model(lesson.needs_model);
  if (model == nullptr) return fmt::format("it needs the {} model, which this build lacks", lesson.needs_model);
  return model->unavailable != nullptr ? model->unavailable() : std::string();
}

std::string missing_cores(const Lesson& lesson, std::int64_t cores) {
  if (cores < lesson.min_cores)
    return fmt::format("it needs {} cores to show a parallel gain, and this machine has {}", lesson.min_cores, cores);
  return {};
}

LessonVerdict judge_here(const Lesson& lesson, const Report& report) {
  LessonVerdict verdict = lesson.judge(report);
  // On fewer cores than the lesson needs, a speedup the numbers show anyway comes from a slow
  // baseline run, not from parallel work: one core computes one thing at a time.
  if (verdict.shown == Shown::yes && !missing_cores(lesson, report.machine.cores).empty())
    verdict = {.shown = Shown::no, .what = verdict.what, .why = "that gain is the runs' noise, not parallel work"};
  return verdict;
}

std::string likely_cause(const Lesson& lesson, const Report& report, const MachineState& machine) {
  if (machine.cores < lesson.min_cores)
    return fmt::format("this machine has {}, and a parallel gain needs {}", counted(machine.cores, "core"),
                       lesson.min_cores);
  if (machine.load_average > static_cast<double>(machine.cores) + kBusyBeyondCores)
    return fmt::format("the machine was busy (load average {:.1f} on {} cores)", machine.load_average, machine.cores);
  for (const ScenarioResult& s : report.scenarios)
    for (const ModelResult& row : s.rows)
      if (row.noise.noisy)
        return fmt::format("the runs were noisy ({}'s spread over {:.0f} % of its median)", row.model,
                           row.noise.range_pct);
  return {};
}

double read_load_average() {
  std::ifstream in("/proc/loadavg");
  double load = 0;
  return in >> load ? load : 0.0;
}

}  // namespace concur
