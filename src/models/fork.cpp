// Fork model.
static constexpr char kLesson[] = R"(One child process per task, made with fork(). Processes overlap waits and run
on all cores just like threads, but each one is a whole address space: creating it copies page
tables, and nothing it computes is visible to the parent. Every result (bytes read, checksums,
the limbs of a big factorial) must be written into a pipe and read back, so this row also shows
what moving data between processes costs.)";

#include <fcntl.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <stdexcept>
#include <vector>

#include <fmt/format.h>

#include "exit_status.hpp"
#include "models/model.hpp"
#include "wire.hpp"

namespace concur {
namespace {

constexpr std::uint64_t kNotableBytes = 64 * 1024;

struct Child {
  pid_t pid = -1;
  int fd = -1;                   // read end of the child's result pipe
  std::vector<std::byte> bytes;  // what it sent so far
  bool open = true;
};

// One pipe per child means one descriptor per task in flight; the default soft limit of
// 1,024 would cap the model far below what the kernel allows, so lift it to the hard limit.
void raise_descriptor_limit() {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &limit);
  }
}

[[noreturn]] void child_main(RunContext& ctx, std::size_t index, int fd) {
  forget_thread_identity();
  WireWriter out;
  try {
    run_task_blocking(ctx, index);
    const Outcome& o = ctx.outcomes[index];
    out.put<std::uint8_t>(1);
    out.put(ctx.records[index]);
    out.put(o.value);
    out.put(o.digest);
    out.put_span(std::span<const std::uint64_t>(o.payload));
  } catch (const std::exception& e) {
    out.put<std::uint8_t>(0);
    out.put_string(e.what());
  }
  // _exit: no atexit handlers, no destructors of objects the parent owns (its temp dir).
  ::_exit(write_all(fd, out.bytes()) ? 0 : 1);
}

void decode(RunContext& ctx, std::size_t index, const Child& child) {
  WireReader in(child.bytes);
  if (in.get<std::uint8_t>() == 0) throw std::runtime_error(in.get_string());
  ctx.records[index] = in.get<TaskRecord>();
  Outcome& o = ctx.outcomes[index];
  o.value = in.get<std::uint64_t>();
  o.digest = in.get<std::uint64_t>();
  o.payload = in.get_vector<std::uint64_t>();
}

// Reads every child's pipe until all have closed; poll so that a child writing more than a
// pipe's buffer (a big factorial) is drained while others are still running.
void drain(std::vector<Child>& children) {
  std::vector<pollfd> fds;
  std::vector<Child*> owners;
  while (true) {
    fds.clear();
    owners.clear();
    for (auto& c : children) {
      if (!c.open) continue;
      fds.push_back({c.fd, POLLIN, 0});
      owners.push_back(&c);
    }
    if (fds.empty()) return;
    if (::poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error(fmt::format("poll failed: {}", std::strerror(errno)));
    }
    for (std::size_t k = 0; k < fds.size(); ++k) {
      if (fds[k].revents == 0) continue;
      Child& c = *owners[k];
      if (!read_available(c.fd, c.bytes)) {
        ::close(c.fd);
        c.open = false;
      }
    }
  }
}

class ForkModel final : public Model {
 public:
  void run(RunContext& ctx) override {
    raise_descriptor_limit();
    std::vector<Child> children(ctx.work.size());
    std::string failure;
    std::size_t started = 0;
    for (; started < children.size(); ++started) {
      int fds[2];
      if (::pipe2(fds, O_CLOEXEC) != 0) {
        failure = fmt::format("pipe failed after {} children: {}", started, std::strerror(errno));
        break;
      }
      const pid_t pid = ::fork();
      if (pid < 0) {
        failure = fmt::format("fork failed after {} children: {}", started, std::strerror(errno));
        ::close(fds[0]);
        ::close(fds[1]);
        break;
      }
      if (pid == 0) {
        ::close(fds[0]);
        child_main(ctx, started, fds[1]);
      }
      ::close(fds[1]);
      ::fcntl(fds[0], F_SETFL, O_NONBLOCK);
      children[started].pid = pid;
      children[started].fd = fds[0];
    }
    children.resize(started);
    drain(children);
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
                            last_end) / 1e6;
    const double mib = static_cast<double>(bytes) / (1 << 20);
    ctx.note = fmt::format("{} of results came back through pipes; the last byte arrived {:.1f} ms after the "
                           "last task ended",
                           mib >= 1 ? fmt::format("{:.1f} MiB", mib) : fmt::format("{:.0f} KiB", mib * 1024),
                           std::max(after_ms, 0.0));
  }
};

}  // namespace

/// Registry entry for the fork model.
ModelInfo fork_model() {
  return {"fork", "one child process per task; results come back through a pipe", kLesson,
          [](std::int64_t tasks, std::int64_t) { return Concurrency{tasks, tasks}; },
          []() -> std::unique_ptr<Model> { return std::make_unique<ForkModel>(); },
          {"a whole process per task: page tables copied at fork, a pipe to send results back, and every byte of "
           "a result copied through the kernel. The dearest model per task.",
           "work that must be isolated (a crash or a leak stays in the child) or that cannot share an interpreter "
           "(Python's GIL); keep the results small.",
           "concur-demo cpu --model thread,fork --factorial 100000"}};
}

}  // namespace concur
