#include "report/trace.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "report/places.hpp"
#include "report/units.hpp"

namespace concur {
namespace {

using Json = nlohmann::ordered_json;

double micros(std::int64_t ns) { return static_cast<double>(ns) / 1e3; }

Json metadata(const char* what, int pid, std::int64_t tid, Json args) {
  return Json{{"name", what}, {"ph", "M"}, {"pid", pid}, {"tid", tid}, {"args", std::move(args)}};
}

// Threads on which two tasks were under way at once (an event loop, fiber workers): complete
// ("X") slices on one thread must nest, so there each task becomes an async slice of its own.
std::set<std::int32_t> shared_threads(std::span<const TaskRecord> tasks) {
  std::map<std::int32_t, std::vector<const TaskRecord*>> by_thread;
  for (const auto& t : tasks) by_thread[t.tid].push_back(&t);
  std::set<std::int32_t> shared;
  for (auto& [tid, list] : by_thread) {
    std::sort(list.begin(), list.end(), [](auto* a, auto* b) { return a->start_ns < b->start_ns; });
    std::int64_t busy_until = 0;
    for (const TaskRecord* t : list) {
      if (t->start_ns < busy_until) shared.insert(tid);
      busy_until = std::max(busy_until, t->end_ns);
    }
  }
  return shared;
}

// The run's process and thread names: "sleep · async (median run, 100 ms)", "thread 2 (OS tid 4242)".
void add_names(const ScenarioResult& scenario, const ModelResult& row, std::span<const TaskRecord> tasks,
               const Places& places, int pid, Json& events) {
  events.push_back(metadata("process_name", pid, 0,
                            {{"name", fmt::format("{} · {} (median run, {})", scenario.scenario, row.model,
                                                  format_seconds(row.timeline_wall_s))}}));
  events.push_back(metadata("process_sort_index", pid, 0, {{"sort_index", pid}}));
  std::set<std::int32_t> named;
  for (const auto& t : tasks)
    for (const auto tid : {t.tid, t.end_tid})
      if (tid != 0 && named.insert(tid).second) {
        events.push_back(
            metadata("thread_name", pid, tid,
                     {{"name", fmt::format("{} (OS {} {})", places.name(places.number(t.pid, tid)),
                                           places.by_process() ? "pid" : "tid", places.by_process() ? t.pid : tid)}}));
      }
}

// A thread that juggled tasks gets one slice spanning its busy time, so its track is there
// beside the per-task async slices.
void add_shared_threads(std::span<const TaskRecord> tasks, const std::set<std::int32_t>& shared, int pid,
                        Json& events) {
  for (const std::int32_t tid : shared) {
    std::int64_t first = INT64_MAX, last = 0, count = 0;
    for (const auto& t : tasks)
      if (t.tid == tid) {
        first = std::min(first, t.start_ns);
        last = std::max(last, t.end_ns);
        ++count;
      }
    events.push_back(Json{{"name", fmt::format("{} tasks interleaved", count)},
                          {"cat", "thread"},
                          {"ph", "X"},
                          {"ts", micros(first)},
                          {"dur", micros(last - first)},
                          {"pid", pid},
                          {"tid", tid}});
  }
}

// One task: a complete slice on its thread, or a begin/end pair of async events where it moved
// or shared its thread (complete slices on one thread must nest).
void add_task(const TaskRecord& t, std::size_t number, const Places& places, bool alone, int pid, Json& events) {
  const auto span = std::max<std::int64_t>(t.end_ns - t.start_ns, 0);
  const double share = span > 0 ? std::clamp(static_cast<double>(t.cpu_ns) / static_cast<double>(span), 0.0, 1.0) : 0;
  const bool computing = share >= 0.5;
  const Json args{{"task", number},
                  {"ran on", places.label(t)},
                  {"wall_ms", static_cast<double>(span) / 1e6},
                  {"cpu_ms", static_cast<double>(t.cpu_ns) / 1e6},
                  {"computing_share", share}};
  const std::string name = fmt::format("{} · task {}", computing ? "compute" : "wait", number);
  const char* category = computing ? "compute" : "wait";
  // cname picks chrome://tracing's colours for running and waiting; Perfetto colours by name.
  const char* colour = computing ? "thread_state_running" : "thread_state_iowait";
  if (alone) {
    events.push_back(Json{{"name", name},
                          {"cat", category},
                          {"ph", "X"},
                          {"ts", micros(t.start_ns)},
                          {"dur", micros(span)},
                          {"pid", pid},
                          {"tid", t.tid},
                          {"cname", colour},
                          {"args", args}});
    return;
  }
  const Json id{{"local", fmt::format("0x{:x}", number)}};
  events.push_back(Json{{"name", name},
                        {"cat", category},
                        {"ph", "b"},
                        {"ts", micros(t.start_ns)},
                        {"pid", pid},
                        {"tid", t.tid},
                        {"id2", id},
                        {"cname", colour},
                        {"args", args}});
  events.push_back(Json{{"name", name},
                        {"cat", category},
                        {"ph", "e"},
                        {"ts", micros(t.start_ns + span)},
                        {"pid", pid},
                        {"tid", t.end_tid},
                        {"id2", id}});
}

// The "tasks in flight" counter: one sample per instant anything started or ended.
void add_in_flight(std::span<const TaskRecord> tasks, int pid, Json& events) {
  std::vector<std::pair<std::int64_t, int>> changes;
  for (const TaskRecord& t : tasks) {
    changes.emplace_back(t.start_ns, +1);
    changes.emplace_back(std::max(t.end_ns, t.start_ns), -1);
  }
  std::sort(changes.begin(), changes.end());
  int in_flight = 0;
  for (std::size_t k = 0; k < changes.size(); ++k) {
    in_flight += changes[k].second;
    if (k + 1 < changes.size() && changes[k + 1].first == changes[k].first) continue;  // one sample per instant
    events.push_back(Json{{"name", "tasks in flight"},
                          {"ph", "C"},
                          {"ts", micros(changes[k].first)},
                          {"pid", pid},
                          {"args", {{"in flight", in_flight}}}});
  }
}

void add_run(const ScenarioResult& scenario, const ModelResult& row, int pid, Json& events) {
  std::vector<TaskRecord> tasks;
  std::vector<std::size_t> index;  // task number of each kept record
  for (std::size_t i = 0; i < row.timeline.size(); ++i)
    if (row.timeline[i].pid != 0) {
      tasks.push_back(row.timeline[i]);
      index.push_back(i);
    }
  const Places places(tasks);
  add_names(scenario, row, tasks, places, pid, events);
  const std::set<std::int32_t> shared = shared_threads(tasks);
  add_shared_threads(tasks, shared, pid, events);
  for (std::size_t k = 0; k < tasks.size(); ++k) {
    const TaskRecord& t = tasks[k];
    add_task(t, index[k] + 1, places, t.tid == t.end_tid && !shared.contains(t.tid), pid, events);
  }
  add_in_flight(tasks, pid, events);
}

}  // namespace

void write_trace(const Report& report, std::ostream& out) {
  Json events = Json::array();
  int pid = 0;
  for (const ScenarioResult& scenario : report.scenarios)
    for (const ModelResult& row : scenario.rows)
      if (!row.timeline.empty()) add_run(scenario, row, ++pid, events);
  Json doc{{"traceEvents", std::move(events)},
           {"displayTimeUnit", "ms"},
           {"otherData", {{"tool", report.tool}, {"version", report.version}}}};
  out << doc.dump(1) << '\n';
}

}  // namespace concur
