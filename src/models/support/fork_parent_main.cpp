// concur-demo-fork-parent: the fork model's parent process (fork_parent.hpp says why it is a
// program of its own). It receives its job from the measuring process that started it, says
// when it is ready, and on "go" forks one child per task; each child runs its task with the
// same blocking code every model uses and writes its result into the shared pipe. It reaps
// every child, reports their exits, and ends. Started by hand, it says so and exits with 2.
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

#include "core/monotonic_clock.hpp"
#include "models/model.hpp"
#include "models/support/creation_failure.hpp"
#include "models/support/fork_parent.hpp"
#include "models/support/task_frames.hpp"
#include "mpi/frames.hpp"
#include "mpi/job.hpp"
#include "net/first_failure.hpp"
#include "sys/wire.hpp"

namespace {

using namespace concur;

// What a child runs is marked [[gnu::hot]]: the linker places hot code side by side, so that each
// child faults in the pages of its path once (CMakeLists.txt says what else keeps them few).

// A result without payload, in the layout WireWriter produces (the measuring process decodes
// both), but encoded in a stack buffer: the first malloc in a child would write to malloc's
// state and a heap page, two more copy-on-write faults in every child.
[[gnu::hot]] bool send_plain_result(std::size_t task, const TaskRecord& record, const Outcome& outcome) {
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
  return send_task_frames(kForkResultsDescriptor, task, buffer);
}

// Every page a child writes is a copy-on-write fault: a private copy of a page it shares with
// its parent. So the child keeps its record and outcome on its own stack and sends them from there.
[[noreturn, gnu::hot]] void child_main(const Job& job, std::size_t index,
                                       std::chrono::steady_clock::time_point origin) {
  Outcome outcome;
  TaskRecord record;
  RunContext own{.work = std::span<const Work>(job.work).subspan(index, 1),
                 .outcomes = {&outcome, 1},
                 .records = {&record, 1},
                 .workers = 1,
                 .origin = origin,
                 .note = {},
                 .record_cpu = job.record_cpu,
                 .placement = {}};
  WireWriter out;
  try {
    run_task_blocking(own, 0);
    // _exit: no atexit handlers, nothing flushed twice.
    if (outcome.payload.empty()) ::_exit(send_plain_result(index, record, outcome) ? 0 : 1);
    out.put<std::uint8_t>(1);
    out.put(record);
    out.put(outcome.value);
    out.put(outcome.digest);
    out.put_span(outcome.payload);
  } catch (const std::exception& e) {
    out.put<std::uint8_t>(0);
    out.put_string(e.what());
  }
  ::_exit(send_task_frames(kForkResultsDescriptor, index, out.bytes()) ? 0 : 1);
}

// Forks every child (or as many as the machine allows), then reaps them all.
[[gnu::hot]] ForkReport fork_children(const Job& job, std::chrono::steady_clock::time_point origin) {
  ForkReport report;
  std::vector<pid_t> pids(job.work.size());
  // One clock read here maps the clock's data page (the vDSO's [vvar]) into this process, and
  // fork copies that mapping into every child, which would otherwise fault it in on its own.
  [[maybe_unused]] const auto warm = monotonic_now();
  for (; report.started < pids.size(); ++report.started) {
    const pid_t pid = ::fork();
    if (pid < 0) {
      report.failure = creation_failure("fork", report.started, "children", std::strerror(errno)).what();
      break;
    }
    if (pid == 0) child_main(job, report.started, origin);
    pids[report.started] = pid;
  }
  // From now on the pipe's end of file tells the measuring process every child has exited.
  ::close(kForkResultsDescriptor);
  report.statuses.resize(report.started);
  for (std::size_t i = 0; i < report.started; ++i)
    while (::waitpid(pids[i], &report.statuses[i], 0) < 0 && errno == EINTR) {
    }
  return report;
}

void say_not_ready(const std::string& why) {
  WireWriter out;
  out.put<std::uint8_t>(0);
  out.put_string(why);
  send_frame(kForkControlDescriptor, out.bytes());
}

}  // namespace

int main(int argc, char** argv) {
  // Never outlive the measuring process: dies with it, and not started at all without one.
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  const bool shares_first_failure = argc == 3 && std::string_view(argv[2]) == kForkSharesFirstFailure;
  if ((argc != 2 && !shares_first_failure) || std::to_string(::getppid()) != argv[1] ||
      ::fcntl(kForkControlDescriptor, F_GETFD) < 0 || ::fcntl(kForkResultsDescriptor, F_GETFD) < 0) {
    std::fprintf(stderr, "%s: the fork model starts me; run concur-demo --model fork\n", kForkParentProgram);
    return 2;
  }
  Job job;
  std::optional<net::FirstFailure> first_failure;
  try {
    job = decode_job(receive_frame(kForkControlDescriptor));
    if (shares_first_failure) {
      first_failure.emplace(kForkFirstFailureDescriptor);
      for (auto& target : job.targets) target.first_failure = &*first_failure;
    }
  } catch (const std::exception& e) {
    say_not_ready(e.what());
    return 1;
  }
  WireWriter ready;
  ready.put<std::uint8_t>(1);
  ready.put<std::int64_t>(thread_cpu_ns());  // its only thread: its start-up so far
  if (!send_frame(kForkControlDescriptor, ready.bytes())) return 1;
  try {
    const auto go_frame = receive_frame(kForkControlDescriptor);
    WireReader go(go_frame);
    const std::chrono::steady_clock::time_point origin(std::chrono::steady_clock::duration(go.get<std::int64_t>()));
    return send_frame(kForkControlDescriptor, encode_fork_report(fork_children(job, origin))) ? 0 : 1;
  } catch (const std::exception&) {
    return 1;  // the measuring process went away: nobody to tell
  }
}
