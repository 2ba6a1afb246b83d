// Fork model.
static constexpr char kLesson[] = R"(One child process per task, made with fork(). Processes overlap waits and run
on all cores just like threads, but each one is a whole address space: creating it copies page
tables, and nothing it computes is visible to the parent. Every result (bytes read, checksums,
the limbs of a big factorial) must be written into a pipe and read back, so this row also shows
what moving data between processes costs. All children share one pipe and tag what they send
with their task, as a pipe per child would make each fork copy, and each exit close, the
descriptors of every sibling started before it.)";

#include <fcntl.h>
#include <limits.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <stdexcept>
#include <vector>

#include <fmt/format.h>

#include "core/bytes.hpp"
#include "models/model.hpp"
#include "models/support/creation_failure.hpp"
#include "sys/exit_status.hpp"
#include "sys/wire.hpp"

namespace concur {
namespace {

using namespace concur::literals;

// Measured on a 2-core Debian 12 machine: 5,000 sleeping children took about 116 KiB each
// (page tables, kernel structures, the pages each child writes); rounded up.
constexpr std::uint64_t kResidentPerChild = 160_KiB;
constexpr std::uint64_t kNotableBytes = 64_KiB;

struct Child {
  pid_t pid = -1;
  std::vector<std::byte> bytes;  // its result message, reassembled from its frames
};

// Children share one pipe. A write of at most PIPE_BUF bytes to a pipe is atomic, so a child
// sends its message in frames that size, each opened by this header, and frames of different
// children never interleave inside each other.
struct FrameHeader {
  std::uint32_t task;
  std::uint32_t length;  // bytes of message that follow
};
constexpr std::size_t kFrameData = PIPE_BUF - sizeof(FrameHeader);

bool send_frames(int fd, std::size_t task, std::span<const std::byte> message) {
  while (!message.empty()) {
    const std::size_t n = std::min(message.size(), kFrameData);
    FrameHeader header{static_cast<std::uint32_t>(task), static_cast<std::uint32_t>(n)};
    iovec parts[2] = {{&header, sizeof header}, {const_cast<std::byte*>(message.data()), n}};
    ssize_t written = 0;
    do {
      written = ::writev(fd, parts, 2);
    } while (written < 0 && errno == EINTR);
    if (written != static_cast<ssize_t>(sizeof header + n)) return false;
    message = message.subspan(n);
  }
  return true;
}

// Moves every whole frame at the front of `stream` to its task's message; a partial frame
// stays for the next read.
void sort_frames(std::vector<std::byte>& stream, std::vector<Child>& children) {
  std::size_t at = 0;
  while (stream.size() - at >= sizeof(FrameHeader)) {
    FrameHeader header;
    std::memcpy(&header, stream.data() + at, sizeof header);
    if (header.task >= children.size() || header.length > kFrameData)
      throw std::runtime_error("garbled frame on the children's result pipe");
    if (stream.size() - at - sizeof header < header.length) break;
    const auto* data = stream.data() + at + sizeof header;
    children[header.task].bytes.insert(children[header.task].bytes.end(), data, data + header.length);
    at += sizeof header + header.length;
  }
  stream.erase(stream.begin(), stream.begin() + static_cast<std::ptrdiff_t>(at));
}

// A result without payload, in the layout WireWriter produces (decode reads both), but
// encoded in a stack buffer: the first malloc in a child would write to malloc's state and
// a heap page, two more copy-on-write faults in every child.
bool send_plain_result(int fd, std::size_t task, const TaskRecord& record, const Outcome& outcome) {
  std::array<std::byte, sizeof(std::uint8_t) + sizeof(TaskRecord) + 3 * sizeof(std::uint64_t)> buffer;
  std::byte* end = buffer.data();
  const auto append = [&end](const auto& value) {
    std::memcpy(end, &value, sizeof value);
    end += sizeof value;
  };
  append(std::uint8_t{1});
  append(record);
  append(outcome.value);
  append(outcome.digest);
  append(std::uint64_t{0});  // payload length
  return send_frames(fd, task, buffer);
}

// Every page a child writes is a copy-on-write fault: a private copy of a page it shares with
// its parent. So the child keeps its record and outcome on its own stack, not in the parent's
// arrays, and sends them from there.
[[noreturn]] void child_main(const RunContext& ctx, std::size_t index, int fd) {
  forget_thread_identity();
  Outcome outcome;
  TaskRecord record;
  // Every field named: a field added to RunContext must be decided on here, not dropped (the
  // child once lost record_cpu this way, and fork's timeline showed its tasks never computing).
  RunContext own{.work = ctx.work.subspan(index, 1),
                 .outcomes = {&outcome, 1},
                 .records = {&record, 1},
                 .workers = ctx.workers,
                 .origin = ctx.origin,
                 .note = {},
                 .record_cpu = ctx.record_cpu,
                 .placement = {}};  // a child launches nothing (and a copy would allocate)
  WireWriter out;
  try {
    run_task_blocking(own, 0);
    // _exit: no atexit handlers, no destructors of objects the parent owns (its temp dir).
    if (outcome.payload.empty()) ::_exit(send_plain_result(fd, index, record, outcome) ? 0 : 1);
    out.put<std::uint8_t>(1);
    out.put(record);
    out.put(outcome.value);
    out.put(outcome.digest);
    out.put_span(outcome.payload);
  } catch (const std::exception& e) {
    out.put<std::uint8_t>(0);
    out.put_string(e.what());
  }
  ::_exit(send_frames(fd, index, out.bytes()) ? 0 : 1);
}

void decode(RunContext& ctx, std::size_t index, const Child& child) {
  if (child.bytes.empty()) throw std::runtime_error(fmt::format("child for task {} sent no result", index));
  WireReader in(child.bytes);
  if (in.get<std::uint8_t>() == 0) throw std::runtime_error(in.get_string());
  ctx.records[index] = in.get<TaskRecord>();
  Outcome& o = ctx.outcomes[index];
  o.value = in.get<std::uint64_t>();
  o.digest = in.get<std::uint64_t>();
  o.payload = keep_payload(in.get_vector<std::uint64_t>());
}

class ForkModel final : public Model {
 public:
  void run(RunContext& ctx) override {
    int pipe_fds[2];
    if (::pipe2(pipe_fds, O_CLOEXEC) != 0)
      throw std::runtime_error(fmt::format("pipe failed: {}", std::strerror(errno)));
    const int from_children = pipe_fds[0];
    // Room for many results while the parent is still forking (best effort: the default
    // 64 KiB holds about 900 small results; 1 MiB is the unprivileged maximum).
    ::fcntl(from_children, F_SETPIPE_SZ, 1 << 20);
    ::fcntl(from_children, F_SETFL, O_NONBLOCK);
    std::vector<Child> children(ctx.work.size());
    std::vector<std::byte> stream;
    std::string failure;
    std::size_t started = 0;
    try {
      for (; started < children.size(); ++started) {
        const pid_t pid = ::fork();
        if (pid < 0) {
          failure = creation_failure("fork", started, "children", std::strerror(errno)).what();
          break;
        }
        if (pid == 0) child_main(ctx, started, pipe_fds[1]);
        children[started].pid = pid;
        // Now and then take what finished children have sent, so none waits long on a full
        // pipe (big results); not after every fork, as every page the parent writes between
        // two forks is a copy-on-write fault.
        if (started % 64 == 63) {
          read_available(from_children, stream);
          sort_frames(stream, children);
        }
      }
      ::close(pipe_fds[1]);  // from now on, end of file means every child has exited
      pipe_fds[1] = -1;
      ::fcntl(from_children, F_SETFL, 0);
      while (read_available(from_children, stream)) {
      }
      sort_frames(stream, children);
    } catch (const std::exception& e) {
      // Out of memory for the results, say: nobody will read the rest, so stop the children.
      if (failure.empty()) failure = e.what();
      for (std::size_t i = 0; i < started; ++i) ::kill(children[i].pid, SIGKILL);
    }
    if (pipe_fds[1] >= 0) ::close(pipe_fds[1]);
    ::close(from_children);
    children.resize(started);
    const auto drained = std::chrono::steady_clock::now();
    // Reap every child before deciding anything, so no zombie outlives the run.
    std::vector<int> statuses(children.size());
    for (std::size_t i = 0; i < children.size(); ++i)
      while (::waitpid(children[i].pid, &statuses[i], 0) < 0 && errno == EINTR) {
      }
    if (!failure.empty()) throw std::runtime_error(failure);
    for (std::size_t i = 0; i < children.size(); ++i) {
      if (!exited_cleanly(statuses[i]))
        throw std::runtime_error(fmt::format("child for task {} {}", i, describe_exit_status(statuses[i])));
      decode(ctx, i, children[i]);
    }
    note_data_moved(ctx, children, drained);
  }

 private:
  // The cost of moving results, measured: bytes through the pipes, and how long after the last
  // task ended the last of them arrived. Worth a remark only when results are big (factorials).
  static void note_data_moved(RunContext& ctx, const std::vector<Child>& children,
                              std::chrono::steady_clock::time_point drained) {
    std::uint64_t bytes = 0;
    for (const auto& c : children) bytes += c.bytes.size();
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
                return Footprint{.processes = tasks,
                                 .descriptors = 2,  // one result pipe shared by every child
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
