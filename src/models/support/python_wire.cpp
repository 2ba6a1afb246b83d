#include "models/support/python_wire.hpp"

#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "sys/wire.hpp"

namespace concur {
namespace {

std::int64_t nanoseconds_of(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}

// A CLOCK_MONOTONIC reading from Python, checked to lie within [low, high] before anything is
// subtracted from it: a hostile or broken program cannot make a time overflow or run backwards.
std::int64_t time_within(WireReader& in, std::int64_t low, std::int64_t high, std::string_view what) {
  const auto t = in.get<std::int64_t>();
  if (t < low || t > high) throw std::runtime_error(fmt::format("python reported a {} outside its run", what));
  return t;
}

void decode_task(WireReader& in, std::size_t i, std::int64_t base, std::int64_t end, TaskRecord& r, Outcome& o) {
  if (in.get<std::uint8_t>() == 0) throw std::runtime_error(fmt::format("python task {}: {}", i, in.get_string()));
  const std::int64_t start = time_within(in, base, end, "task start");
  const std::int64_t finish = time_within(in, start, end, "task end");
  r.start_ns = start - base;
  r.end_ns = finish - base;
  r.pid = in.get<std::int32_t>();
  r.tid = in.get<std::int32_t>();
  r.end_tid = in.get<std::int32_t>();
  r.cpu_ns = in.get<std::int64_t>();
  if (r.cpu_ns < 0) throw std::runtime_error(fmt::format("python task {}: negative CPU time", i));
  r.resumed_ns = time_within(in, start, finish, "task resumption") - base;
  o.value = in.get<std::uint64_t>();
  o.digest = in.get<std::uint64_t>();
  o.crc32 = in.get<std::uint8_t>() != 0;
  o.payload = keep_payload(in.get_vector<std::uint64_t>());
}

}  // namespace

std::string python_job(WorkView work) {
  nlohmann::json tasks = nlohmann::json::array();
  for (const Work& w : work) {
    if (const auto* s = std::get_if<SleepWork>(&w)) {
      nlohmann::json task{{"kind", "sleep"}, {"ns", s->duration.count()}};
      // The words a wait is framed with, said by the Python task as a C++ one says them (TimedWait).
      if (s->before != nullptr) task["before"] = s->before;
      if (s->after != nullptr) task["after"] = s->after;
      tasks.push_back(std::move(task));
    }
    if (const auto* f = std::get_if<ReadFileWork>(&w)) tasks.push_back({{"kind", "file"}, {"path", f->path}});
    if (const auto* k = std::get_if<FactorialWork>(&w)) tasks.push_back({{"kind", "factorial"}, {"k", k->k}});
  }
  return nlohmann::json{{"tasks", std::move(tasks)}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

PythonRun decode_python_results(RunContext& ctx, std::span<const std::byte> bytes,
                                std::chrono::steady_clock::time_point now) {
  WireReader in(bytes);
  if (in.get<std::uint8_t>() == 0) throw std::runtime_error("python: " + in.get_string());
  const std::int64_t end = nanoseconds_of(now);
  // Python's time.monotonic_ns() and steady_clock are both CLOCK_MONOTONIC: the workload's start
  // becomes the run's time zero, so the interpreter's start-up stays out of the measured time.
  const std::int64_t start = time_within(in, nanoseconds_of(ctx.origin), end, "workload start");
  PythonRun run;
  run.version = in.get_string();
  if (in.get<std::uint64_t>() != ctx.work.size()) throw std::runtime_error("python returned the wrong number of tasks");
  ctx.origin = std::chrono::steady_clock::time_point(std::chrono::nanoseconds(start));
  for (std::size_t i = 0; i < ctx.work.size(); ++i) decode_task(in, i, start, end, ctx.records[i], ctx.outcomes[i]);
  run.workload_cpu = std::chrono::nanoseconds(in.get<std::int64_t>());
  if (run.workload_cpu.count() < 0) throw std::runtime_error("python reported a negative CPU time");
  if (!in.empty()) throw std::runtime_error("python sent more than its results");
  return run;
}

}  // namespace concur
