// What the samples of one model's runs add up to: its row of the table.
#include "measure/run_samples.hpp"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "analysis/row_metrics.hpp"
#include "analysis/stats.hpp"

namespace concur {
namespace {

// The run a timeline shows: the one whose wall time is the median (the lower middle of an even count).
RunSample* median_sample(std::vector<RunSample>& samples) {
  if (samples.empty()) return nullptr;
  std::vector<RunSample*> sorted;
  sorted.reserve(samples.size());
  for (auto& s : samples) sorted.push_back(&s);
  std::sort(sorted.begin(), sorted.end(),
            [](const RunSample* a, const RunSample* b) { return a->record.wall_s < b->record.wall_s; });
  return sorted[(sorted.size() - 1) / 2];
}

}  // namespace

ModelResult aggregate(const ModelInfo& model, const std::vector<RunSample>& samples, std::int64_t tasks,
                      std::int64_t workers) {
  ModelResult row;
  row.model = std::string(model.name);
  row.baseline = std::string(model.baseline);
  row.tasks = tasks;
  row.workers = workers;
  row.verified = !samples.empty();
  std::vector<double> walls, cpus, rss, server;
  for (const auto& s : samples) {
    if (s.server_cpu_s) server.push_back(*s.server_cpu_s);
    row.runs.push_back(s.record);
    row.verified = row.verified && s.record.verified;
    if (row.failure.empty()) row.failure = s.failure;
    if (row.note.empty()) row.note = s.note;
    walls.push_back(s.record.wall_s);
    cpus.push_back(s.record.cpu_s);
    rss.push_back(static_cast<double>(s.record.peak_rss_kib));
    row.os_threads = std::max(row.os_threads, s.record.os_threads);
    row.processes = std::max(row.processes, s.record.processes);
    row.max_in_flight = std::max(row.max_in_flight, s.record.max_in_flight);
  }
  row.wall_s = summarize(walls);
  row.cpu_s = median(cpus);
  row.peak_rss_kib = static_cast<std::int64_t>(median(rss));
  if (!server.empty()) row.server_cpu_s = median(server);
  derive_row_metrics(row);
  return row;
}

// The median run's task records into the row, for timelines and traces.
void keep_timeline(ModelResult& row, std::vector<RunSample>& samples) {
  RunSample* chosen = median_sample(samples);
  if (chosen == nullptr || !chosen->failure.empty()) return;
  row.timeline_wall_s = chosen->record.wall_s;
  row.timeline = std::move(chosen->tasks);
}

}  // namespace concur
