// libFuzzer target for the results of the Python reference program (decode_python_results):
// bytes from outside the tool, which a broken or hostile python3 could make anything. The first
// input byte is the job's task count (0 to 7), the rest is what python3 "sent". Decoding either
// fills every task with times inside the run, or throws std::runtime_error with one clear line;
// anything else (another exception, a crash, undefined behaviour, a leak) is a finding.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/parse.hpp"
#include "models/support/python_wire.hpp"

namespace {

using namespace concur;
using Clock = std::chrono::steady_clock;

// Aborting is how a libFuzzer target reports a broken property.
void require(bool property) {
  if (!property) std::abort();
}

// Fixed instants, so that a corpus input means the same on every run: the run began 1 s after
// the clock's epoch, python3 ended 1000 s later.
const Clock::time_point kOrigin{std::chrono::seconds(1)};
const Clock::time_point kEnded = kOrigin + std::chrono::seconds(1000);

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t tasks = data[0] % 8;
  const std::vector<Work> work(tasks, Work{SleepWork{.duration = std::chrono::milliseconds(1)}});
  std::vector<Outcome> outcomes(tasks);
  std::vector<TaskRecord> records(tasks);
  RunContext ctx{.work = work,
                 .outcomes = outcomes,
                 .records = records,
                 .workers = 1,
                 .origin = kOrigin,
                 .note = {},
                 .record_cpu = false,
                 .placement = {}};
  const auto bytes = std::as_bytes(std::span(data + 1, size - 1));
  try {
    const PythonRun run = decode_python_results(ctx, bytes, kEnded);
    require(run.workload_cpu.count() >= 0);
    require(ctx.origin >= kOrigin && ctx.origin <= kEnded);
    const std::int64_t span = std::chrono::duration_cast<std::chrono::nanoseconds>(kEnded - ctx.origin).count();
    for (const TaskRecord& r : records) {
      require(r.start_ns >= 0 && r.start_ns <= r.end_ns && r.end_ns <= span);
      require(r.resumed_ns >= r.start_ns && r.resumed_ns <= r.end_ns);
      require(r.cpu_ns >= 0);
    }
  } catch (const std::runtime_error& e) {
    const std::string line = printable(e.what());
    require(!line.empty() && line.find('\n') == std::string::npos);
  }
  return 0;
}
