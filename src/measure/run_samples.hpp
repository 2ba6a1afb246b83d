// What the samples of one model's runs add up to: its row of the table, with the median run's
// task records when a timeline or trace asked for them.
#pragma once

#include <cstdint>
#include <vector>

#include "core/results.hpp"
#include "measure/isolated_run.hpp"
#include "models/model.hpp"

namespace concur {

/// The row of `model` from the samples of its measured runs of `tasks` tasks on `workers` lanes.
ModelResult aggregate(const ModelInfo& model, const std::vector<RunSample>& samples, std::int64_t tasks,
                      std::int64_t workers);

/// Moves the task records of the median run (by wall time) into `row`, for timelines and traces;
/// nothing when that run failed.
void keep_timeline(ModelResult& row, std::vector<RunSample>& samples);

}  // namespace concur
