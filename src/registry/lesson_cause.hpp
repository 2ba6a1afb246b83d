// Why a lesson may not show on this machine: what it needs that the machine lacks (checked
// before running it), and what stood out in a measurement that did not show it (a busy machine,
// noisy runs, one core where the lesson needs two).
#pragma once

#include <cstdint>
#include <string>

#include "registry/lessons.hpp"

namespace concur {

/// What the machine was doing while a lesson ran.
struct MachineState {
  std::int64_t cores = 1;     ///< hardware threads
  double load_average = 0.0;  ///< runnable tasks over the last minute (/proc/loadavg), 0 if unknown
};

/// Why `lesson` cannot run here at all (a model it needs is unavailable: no python3), in a few
/// words; empty when it can.
std::string missing_model(const Lesson& lesson);

/// Why `lesson` cannot show on a machine of `cores` cores (a parallel gain needs two); empty when
/// it can. A check skips such a lesson; `lesson NAME` runs it to show what one core does.
std::string missing_cores(const Lesson& lesson, std::int64_t cores);

/// `lesson`'s verdict on `report`, never shown on fewer cores than the lesson needs: a gain
/// measured there is noise in the baseline, whatever its size.
LessonVerdict judge_here(const Lesson& lesson, const Report& report);

/// What most likely kept `lesson` from showing in `report` on `machine`: one core for a lesson
/// that needs two, a busy machine, noisy rows; empty when nothing stands out.
std::string likely_cause(const Lesson& lesson, const Report& report, const MachineState& machine);

/// The load average of the last minute, from /proc/loadavg; 0 when it cannot be read.
double read_load_average();

}  // namespace concur
