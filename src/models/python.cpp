// Python reference models.
static constexpr char kLesson[] = R"(Reference rows from a Python program of the project's own (scenarios/python/
reference.py), run on the same tasks with the same parameters and checked the same way as every
C++ row. py-sequential is its plain for loop. The rows are there to compare models within
Python, not to race C++: the interpreter waits as long as C++ but computes several times more
slowly, so each Python row's speedup is measured against py-sequential. The interpreter's
start-up is not timed; only its workload is.)";

static constexpr char kThreadLesson[] =
    R"(One threading.Thread per task. Waits overlap, because a thread that sleeps or reads
lets go of the global interpreter lock (the GIL); computations do not, because only the thread
holding the GIL runs Python code. Threads that compute take turns, one at a time, so on the
factorial this row gains nothing, where C++ threads gain about one speedup per core.)";

static constexpr char kProcessLesson[] =
    R"(One process per task with multiprocessing (fork start method). Each process has
its own interpreter and its own GIL, so computations run on every core at the same time and the
speedup that Python threads cannot reach comes back, at the price of a process per task and of
sending every result back to the parent through a pipe.)";

static constexpr char kAsyncLesson[] =
    R"(asyncio: one coroutine per task on a single event-loop thread, the model the C++
async row imitates. Timers are awaited, so waits overlap on one thread; asyncio has no
asynchronous file reads, so reads block the loop, and computations run one after another.)";

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "models/model.hpp"
#include "models/support/python_fetch.hpp"
#include "models/support/python_source.hpp"
#include "sys/exit_status.hpp"
#include "sys/wire.hpp"

namespace concur {
namespace {

constexpr int kResultFd = 3;  // the Python program writes its results here (stdout stays the user's)

std::string python_missing() {
  const char* path = std::getenv("PATH");
  std::string_view dirs = path == nullptr ? "" : path;
  while (true) {
    const auto colon = dirs.find(':');
    const std::string dir(dirs.substr(0, colon));
    if (::access(((dir.empty() ? "." : dir) + "/python3").c_str(), X_OK) == 0) return {};
    if (colon == std::string_view::npos) return "python3 is not on the PATH";
    dirs.remove_prefix(colon + 1);
  }
}

std::string job_json(std::span<const Work> work) {
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
    if (const auto* n = std::get_if<FetchWork>(&w)) tasks.push_back(python_fetch_task(*n));
  }
  return nlohmann::json{{"tasks", std::move(tasks)}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

[[noreturn]] void exec_python(std::string_view flavour, int job_fd, int result_fd, int error_fd) {
  // Order matters: 0 and 2 first, then 3, so no dup2 closes a descriptor still to be moved.
  ::dup2(job_fd, STDIN_FILENO);
  ::dup2(error_fd, STDERR_FILENO);
  if (result_fd == kResultFd) {
    ::fcntl(kResultFd, F_SETFD, 0);  // dup2 onto itself would keep close-on-exec
  } else {
    ::dup2(result_fd, kResultFd);
  }
  const std::string source(python_reference_source());
  const std::string model(flavour);
  // -I: isolated mode, so neither PYTHONPATH nor a user's site-packages can change the program.
  const char* argv[] = {"python3", "-I", "-c", source.c_str(), model.c_str(), nullptr};
  ::execvp("python3", const_cast<char* const*>(argv));
  const std::string message = fmt::format("cannot run python3: {}\n", std::strerror(errno));
  (void)!::write(STDERR_FILENO, message.data(), message.size());
  ::_exit(127);
}

// Reads the result and error pipes until both close; poll, so that a full error pipe can never
// stall a program that still has results to write.
void drain(int result_fd, int error_fd, std::vector<std::byte>& result, std::vector<std::byte>& error) {
  struct Stream {
    int fd;
    std::vector<std::byte>* bytes;
    bool open = true;
  };
  Stream streams[] = {{.fd = result_fd, .bytes = &result}, {.fd = error_fd, .bytes = &error}};
  for (auto& s : streams) ::fcntl(s.fd, F_SETFL, O_NONBLOCK);
  while (streams[0].open || streams[1].open) {
    pollfd fds[2];
    nfds_t n = 0;
    Stream* owners[2];
    for (auto& s : streams)
      if (s.open) {
        fds[n] = {.fd = s.fd, .events = POLLIN, .revents = 0};
        owners[n++] = &s;
      }
    if (::poll(fds, n, -1) < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error(fmt::format("poll failed: {}", std::strerror(errno)));
    }
    for (nfds_t k = 0; k < n; ++k)
      if (fds[k].revents != 0 && !read_available(owners[k]->fd, *owners[k]->bytes)) owners[k]->open = false;
  }
}

std::string last_line(const std::vector<std::byte>& bytes) {
  std::string text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  const auto nl = text.rfind('\n');
  return nl == std::string::npos ? text : text.substr(nl + 1);
}

// The layout reference.py writes: a header, then one record per task (see pack_record there).
void decode(RunContext& ctx, std::span<const std::byte> bytes, std::string_view flavour) {
  WireReader in(bytes);
  if (in.get<std::uint8_t>() == 0) throw std::runtime_error("python: " + in.get_string());
  const auto start_ns = in.get<std::int64_t>();
  const std::string version = in.get_string();
  if (in.get<std::uint64_t>() != ctx.work.size()) throw std::runtime_error("python returned the wrong number of tasks");
  // Python's time.monotonic_ns() and steady_clock are both CLOCK_MONOTONIC: the workload's start
  // becomes the run's time zero, so the interpreter's start-up stays out of the measured time.
  const auto workload_start = std::chrono::steady_clock::time_point(std::chrono::nanoseconds(start_ns));
  ctx.origin = std::max(ctx.origin, workload_start);
  const std::int64_t base = std::chrono::duration_cast<std::chrono::nanoseconds>(ctx.origin.time_since_epoch()).count();
  for (std::size_t i = 0; i < ctx.work.size(); ++i) {
    if (in.get<std::uint8_t>() == 0) throw std::runtime_error(fmt::format("python task {}: {}", i, in.get_string()));
    TaskRecord& r = ctx.records[i];
    r.start_ns = in.get<std::int64_t>() - base;
    r.end_ns = in.get<std::int64_t>() - base;
    r.pid = in.get<std::int32_t>();
    r.tid = in.get<std::int32_t>();
    r.end_tid = in.get<std::int32_t>();
    r.cpu_ns = in.get<std::int64_t>();
    r.resumed_ns = in.get<std::int64_t>() - base;
    Outcome& o = ctx.outcomes[i];
    o.value = in.get<std::uint64_t>();
    o.digest = in.get<std::uint64_t>();
    o.crc32 = in.get<std::uint8_t>() != 0;
    o.payload = in.get_vector<std::uint64_t>();
  }
  // Said once, under py-sequential: it comes along with every Python row.
  if (flavour == "sequential")
    ctx.note = fmt::format(
        "Python {}: the py- rows' speedups are against py-sequential; interpreter start-up is "
        "outside their wall times",
        version);
}

class PythonModel final : public Model {
 public:
  explicit PythonModel(std::string_view flavour) : flavour_(flavour) {}

  void run(RunContext& ctx) override {
    const std::string job = job_json(ctx.work);
    int job_pipe[2], result_pipe[2], error_pipe[2];
    if (::pipe2(job_pipe, O_CLOEXEC) != 0 || ::pipe2(result_pipe, O_CLOEXEC) != 0 ||
        ::pipe2(error_pipe, O_CLOEXEC) != 0)
      throw std::runtime_error(fmt::format("pipe failed: {}", std::strerror(errno)));
    // A Python that dies before reading its job must fail the row, not kill us with SIGPIPE.
    ::signal(SIGPIPE, SIG_IGN);
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error(fmt::format("fork failed: {}", std::strerror(errno)));
    if (pid == 0) exec_python(flavour_, job_pipe[0], result_pipe[1], error_pipe[1]);
    ::close(job_pipe[0]);
    ::close(result_pipe[1]);
    ::close(error_pipe[1]);
    (void)write_all(job_pipe[1], std::as_bytes(std::span(job)));
    ::close(job_pipe[1]);
    std::vector<std::byte> result, error;
    drain(result_pipe[0], error_pipe[0], result, error);
    ::close(result_pipe[0]);
    ::close(error_pipe[0]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (!exited_cleanly(status) || result.empty()) {
      const std::string why = last_line(error);
      throw std::runtime_error(
          fmt::format("python3 {}{}", describe_exit_status(status), why.empty() ? "" : ": " + why));
    }
    decode(ctx, result, flavour_);
  }

 private:
  std::string_view flavour_;
};

// An interpreter of ~30 MiB, plus what its threads or worker processes need: an upper bound,
// as the limit check wants (py-thread starts a thread per task, py-process a process per core).
Footprint python_footprint(std::int64_t tasks, std::int64_t workers) {
  return Footprint{.threads = tasks,
                   .processes = 1 + workers,
                   .resident_bytes = (32ull << 20) * static_cast<std::uint64_t>(1 + workers)};
}

}  // namespace

/// Registry entry for Python's plain loop.
ModelInfo py_sequential_model() {
  return {.name = "py-sequential",
          .blurb = "reference: a plain Python for loop (the baseline of the Python rows)",
          .lesson = kLesson,
          .concurrency =
              [](std::int64_t, std::int64_t) {
                return Concurrency{1, 1};
              },
          .make = []() -> std::unique_ptr<Model> { return std::make_unique<PythonModel>("sequential"); },
          .footprint = python_footprint,
          .guide = {.cost = "one thread, and an interpreter several times slower than C++ at computing.",
                    .use_when = "as the yardstick for the other Python rows.",
                    .demo = "concur-demo cpu --model py-sequential,py-thread,py-process"},
          .kind = ModelKind::reference,
          .baseline = "py-sequential",
          .unavailable = &python_missing};
}

/// Registry entry for Python threads (the GIL row).
ModelInfo py_thread_model() {
  return {.name = "py-thread",
          .blurb = "reference: one Python threading.Thread per task (the GIL lets one compute at a time)",
          .lesson = kThreadLesson,
          .concurrency =
              [](std::int64_t tasks, std::int64_t) {
                return Concurrency{tasks, 1};
              },
          .make = []() -> std::unique_ptr<Model> { return std::make_unique<PythonModel>("thread"); },
          .footprint = python_footprint,
          .guide = {.cost = "an OS thread per task, plus the GIL: computing threads wait for the lock and for each "
                            "other.",
                    .use_when = "waits in Python (network, disk): threads overlap them well. Never to speed up "
                                "computing.",
                    .demo = "concur-demo cpu --model thread,py-thread,py-process"},
          .kind = ModelKind::reference,
          .baseline = "py-sequential",
          .unavailable = &python_missing};
}

/// Registry entry for Python multiprocessing.
ModelInfo py_process_model() {
  return {.name = "py-process",
          .blurb = "reference: one Python process per task (multiprocessing): a GIL each",
          .lesson = kProcessLesson,
          .concurrency =
              [](std::int64_t tasks, std::int64_t) {
                return Concurrency{tasks, tasks};
              },
          .make = []() -> std::unique_ptr<Model> { return std::make_unique<PythonModel>("process"); },
          .footprint = python_footprint,
          .guide = {.cost = "an interpreter per task (a fork each) and a pipe that carries every result back to the "
                            "parent.",
                    .use_when = "computing in Python on several cores, when the results are small enough to send "
                                "back.",
                    .demo = "concur-demo cpu --model thread,py-thread,py-process"},
          .kind = ModelKind::reference,
          .baseline = "py-sequential",
          .unavailable = &python_missing};
}

/// Registry entry for Python's asyncio.
ModelInfo py_async_model() {
  return {.name = "py-async",
          .blurb = "reference: asyncio, one coroutine per task on one event loop",
          .lesson = kAsyncLesson,
          .concurrency =
              [](std::int64_t tasks, std::int64_t) {
                return Concurrency{tasks, 1};
              },
          .make = []() -> std::unique_ptr<Model> { return std::make_unique<PythonModel>("async"); },
          .footprint = python_footprint,
          .guide = {.cost = "one thread and a coroutine object per task; every computation or blocking read stalls "
                            "the loop.",
                    .use_when = "many waits in Python (sockets, timers); hand computations to an executor "
                                "(run_in_executor).",
                    .demo = "concur-demo count --model py-sequential,py-async"},
          .kind = ModelKind::reference,
          .baseline = "py-sequential",
          .unavailable = &python_missing};
}

}  // namespace concur
