// Fork model.
static constexpr char kLesson[] = R"(One child process per task, made with fork(). Processes overlap waits and run
on all cores just like threads, but each one is a whole address space: creating it copies page
tables, and nothing it computes is visible to the parent. Every result (bytes read, checksums,
the limbs of a big factorial) must be written into a pipe and read back, so this row also shows
what moving data between processes costs. All children share one pipe and tag what they send
with their task, as a pipe per child would make each fork copy, and each exit close, the
descriptors of every sibling started before it. The children are forked by a small program of
the tool's own, started afresh for the row, because a fork copies its caller: forked from the
tool, every child would also copy the tool's own memory, and the row would measure that.)";

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <vector>

#include <fmt/format.h>

#include "core/bytes.hpp"
#include "models/model.hpp"
#include "models/support/fork_parent.hpp"
#include "models/support/task_frames.hpp"
#include "mpi/job.hpp"
#include "net/first_failure.hpp"
#include "net/target.hpp"
#include "sys/exit_status.hpp"
#include "sys/wire.hpp"

namespace concur {
namespace {

using namespace concur::literals;

// Measured on a 2-core Debian 12 machine: 5,000 sleeping children took about 116 KiB each
// (page tables, kernel structures, the pages each child writes); rounded up.
constexpr std::uint64_t kResidentPerChild = 160_KiB;
constexpr std::uint64_t kNotableBytes = 64_KiB;

void decode(RunContext& ctx, std::size_t index, const std::vector<std::byte>& message) {
  if (message.empty()) throw std::runtime_error(fmt::format("child for task {} sent no result", index));
  WireReader in(message);
  if (in.get<std::uint8_t>() == 0) throw std::runtime_error(in.get_string());
  ctx.records[index] = in.get<TaskRecord>();
  Outcome& o = ctx.outcomes[index];
  o.value = in.get<std::uint64_t>();
  o.digest = in.get<std::uint64_t>();
  o.payload = keep_payload(in.get_vector<std::uint64_t>());
}

// The page where a run of fetches tells its first failure to the later tasks, or -1: the children
// must see it as children forked from the tool would (net/first_failure.hpp).
int first_failure_descriptor(WorkView work) {
  if (work.empty()) return -1;
  const auto* fetch = std::get_if<FetchWork>(&work[0]);
  return fetch != nullptr && fetch->target->first_failure != nullptr ? fetch->target->first_failure->descriptor() : -1;
}

// The children's results, read as they come until every child (and the parent process) has
// closed the pipe.
std::vector<std::vector<std::byte>> read_results(int from_children, std::size_t tasks) {
  std::vector<std::vector<std::byte>> messages(tasks);
  std::vector<std::byte> stream;
  std::vector<std::byte> chunk(1 << 16);  // not on the stack: a run may have only 64 KiB of it
  while (true) {
    const ssize_t n = ::read(from_children, chunk.data(), chunk.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw std::runtime_error(fmt::format("read from the children's pipe failed: {}", std::strerror(errno)));
    if (n == 0) break;
    stream.insert(stream.end(), chunk.begin(), chunk.begin() + n);
    sort_task_frames(stream, messages);
  }
  if (!stream.empty()) throw std::runtime_error("a child's result was cut short on the pipe");
  return messages;
}

class ForkModel final : public Model {
 public:
  void run(RunContext& ctx) override {
    // What this thread spends starting the parent process is outside the row's window, as the
    // python and mpi models count theirs.
    const std::int64_t own_cpu_before = thread_cpu_ns();
    int pipe_fds[2];
    if (::pipe2(pipe_fds, O_CLOEXEC) != 0)
      throw std::runtime_error(fmt::format("pipe failed: {}", std::strerror(errno)));
    const int from_children = pipe_fds[0];
    // Room for many results before this process reads them (best effort: the default 64 KiB
    // holds about 900 small results; 1 MiB is the unprivileged maximum).
    ::fcntl(from_children, F_SETPIPE_SZ, 1 << 20);
    std::vector<std::vector<std::byte>> messages;
    ForkReport report;
    try {
      ForkParent parent(pipe_fds[1], first_failure_descriptor(ctx.work));
      ::close(pipe_fds[1]);  // the parent and its children hold the write end; their exits end the file
      pipe_fds[1] = -1;
      const auto startup = parent.hand_over(encode_job(ctx.work, ctx.record_cpu));
      // The row starts when the parent is ready: starting a program is not what it measures.
      ctx.origin = std::chrono::steady_clock::now();
      ctx.cpu_outside = startup + std::chrono::nanoseconds(thread_cpu_ns() - own_cpu_before);
      parent.go(ctx.origin);
      messages = read_results(from_children, ctx.work.size());
      report = parent.finish();
    } catch (...) {
      if (pipe_fds[1] >= 0) ::close(pipe_fds[1]);
      ::close(from_children);
      throw;
    }
    ::close(from_children);
    const auto drained = std::chrono::steady_clock::now();
    if (!report.failure.empty()) throw std::runtime_error(report.failure);
    for (std::size_t i = 0; i < report.statuses.size(); ++i) {
      if (!exited_cleanly(report.statuses[i]))
        throw std::runtime_error(fmt::format("child for task {} {}", i, describe_exit_status(report.statuses[i])));
      decode(ctx, i, messages[i]);
    }
    note_data_moved(ctx, messages, drained);
  }

 private:
  // The cost of moving results, measured: bytes through the pipes, and how long after the last
  // task ended the last of them arrived. Worth a remark only when results are big (factorials).
  static void note_data_moved(RunContext& ctx, const std::vector<std::vector<std::byte>>& messages,
                              std::chrono::steady_clock::time_point drained) {
    std::uint64_t bytes = 0;
    for (const auto& m : messages) bytes += m.size();
    if (bytes < kNotableBytes) return;
    std::int64_t last_end = 0;
    for (const auto& r : ctx.records) last_end = std::max(last_end, r.end_ns);
    const double after_ms =
        static_cast<double>(std::chrono::duration_cast<std::chrono::nanoseconds>(drained - ctx.origin).count() -
                            last_end) /
        1e6;
    const double mib = static_cast<double>(bytes) / (1 << 20);
    ctx.note = fmt::format(
        "{} of results came back through pipes; the last byte arrived {:.1f} ms after the "
        "last task ended",
        mib >= 1 ? fmt::format("{:.1f} MiB", mib) : fmt::format("{:.0f} KiB", mib * 1024), std::max(after_ms, 0.0));
  }
};

}  // namespace

/// Registry entry for the fork model.
ModelInfo fork_model() {
  return {.name = "fork",
          .blurb = "one child process per task; results come back through a pipe",
          .lesson = kLesson,
          .concurrency =
              [](std::int64_t tasks, std::int64_t) {
                return Concurrency{tasks, tasks};
              },
          .make = []() -> std::unique_ptr<Model> { return std::make_unique<ForkModel>(); },
          .footprint =
              [](std::int64_t tasks, std::int64_t) {
                // The children and the program that forks them.
                return Footprint{.processes = tasks + 1,
                                 .descriptors = 3,  // the children's result pipe, the parent's socket
                                 .files_open = 1,   // in each child's own table
                                 .resident_bytes = static_cast<std::uint64_t>(tasks) * kResidentPerChild};
              },
          .guide = {.cost = "a whole process per task: page tables copied at fork, a pipe to send results back, "
                            "and every byte of a result copied through the kernel. The dearest model per task.",
                    .use_when = "work that must be isolated (a crash or a leak stays in the child) or that cannot "
                                "share an interpreter (Python's GIL); keep the results small.",
                    .demo = "concur-demo cpu --model thread,fork --factorial 100000"}};
}

}  // namespace concur
