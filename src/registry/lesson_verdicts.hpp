// The judges of the lessons: each reads a measurement (the lesson's demonstration, or its quick
// check) and says whether its lesson showed, with the numbers that say so. Never canned: the
// thresholds are named beside each judge, with why that value.
#pragma once

#include "registry/lessons.hpp"

namespace concur {

/// async keeps every wait in flight on one thread and finishes in about one delay.
LessonVerdict judge_concurrency_not_parallelism(const Report& report);
/// Every row but sequential overlaps its waits: about one delay instead of N.
LessonVerdict judge_waiting_overlaps(const Report& report);
/// thread and pool gain from the cores, async does not.
LessonVerdict judge_computing_needs_cores(const Report& report);
/// fork spends more CPU time than thread on the same waits.
LessonVerdict judge_processes_cost_more(const Report& report);
/// fork's results arrive well after its last task ended; thread's are there at once.
LessonVerdict judge_moving_data_costs(const Report& report);
/// pool keeps no more tasks in flight than it has workers, and waits in rounds.
LessonVerdict judge_pool_caps_concurrency(const Report& report);
/// async-blocking keeps one task in flight and is no faster than sequential.
LessonVerdict judge_blocking_stalls_the_loop(const Report& report);
/// async-offload gains from the cores, async does not.
LessonVerdict judge_offload_computing(const Report& report);
/// Under async all three count tasks wait at once (one delay); sequential takes three.
LessonVerdict judge_coroutines_pause_and_resume(const Report& report);
/// py-thread gains nothing on computing, py-process does.
LessonVerdict judge_python_gil(const Report& report);
/// mpi's ranks compute side by side, but its launch, paid before the first task, costs it the lead.
LessonVerdict judge_distribution_costs(const Report& report);
/// thread holds a thread per connection at many times async's memory each; async holds them all on one thread.
LessonVerdict judge_c10k(const Report& report);

}  // namespace concur
