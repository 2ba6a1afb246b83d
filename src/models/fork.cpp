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

#include <array>
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

// A result without payload, in the layout WireWriter produces (decode reads both), but
// encoded in a stack buffer: the first malloc in a child would write to malloc's state and
// a heap page, two more copy-on-write faults in every child.
bool send_plain_result(int fd, const TaskRecord& record, const Outcome& outcome) {
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
  return write_all(fd, buffer);
}

// Every page a child writes is a copy-on-write fault: a private copy of a page it shares with
// its parent. So the child keeps its record and outcome on its own stack, not in the parent's
// arrays, and sends them from there.
[[noreturn]] void child_main(const RunContext& ctx, std::size_t index, int fd) {
  forget_thread_identity();
  Outcome outcome;
  TaskRecord record;
  RunContext own{ctx.work.subspan(index, 1), {&outcome, 1}, {&record, 1}, ctx.workers, ctx.origin, {}};
  WireWriter out;
  try {
    run_task_blocking(own, 0);
    // _exit: no atexit handlers, no destructors of objects the parent owns (its temp dir).
    if (outcome.payload.empty()) ::_exit(send_plain_result(fd, record, outcome) ? 0 : 1);
    out.put<std::uint8_t>(1);
    out.put(record);
    out.put(outcome.value);
    out.put(outcome.digest);
    out.put_span(std::span<const std::uint64_t>(outcome.payload));
  } catch (const std::exception& e) {
    out.put<std::uint8_t>(0);
    out.put_string(e.what());
  }
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
  }
};

}  // namespace

/// Registry entry for the fork model.
ModelInfo fork_model() {
  return {"fork", "one child process per task; results come back through a pipe", kLesson,
          [](std::int64_t tasks, std::int64_t) { return Concurrency{tasks, tasks}; },
          []() -> std::unique_ptr<Model> { return std::make_unique<ForkModel>(); }};
}

}  // namespace concur
