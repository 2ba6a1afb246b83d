// The takeaway when the baseline row did not run (`io --model=async`, `sleep --model
// thread,async`): a model alone is read against the scenario's ideal times ("20 tasks of 100 ms
// each in 100.2 ms, about one task's time, on 1 thread"), two models against each other ("async
// 1.00× thread, on 1 thread instead of 21"). Computed from the numbers, like every takeaway.
#pragma once

#include <string>

#include "core/results.hpp"
#include "scenarios/scenario.hpp"

namespace concur {

/// What `row`, the one verified row of `result`, shows against the ideal times.
std::string takeaway_alone(const ScenarioResult& result, const ModelResult& row, Bound bound, unsigned cores);

/// What two verified rows of `result` without their baseline show against each other.
std::string takeaway_pair(const ScenarioResult& result, const ModelResult& a, const ModelResult& b, Bound bound);

/// "1 thread", "21 threads", "21 processes": what a row ran on.
std::string threads_phrase(const ModelResult& row);

/// A time in a sentence: "2.00 s", "100.2 ms", "850 µs".
std::string seconds_phrase(double seconds);

}  // namespace concur
