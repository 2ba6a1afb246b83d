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

#include "core/parse.hpp"
#include "models/model.hpp"
#include "models/support/python_process.hpp"
#include "models/support/python_wire.hpp"
#include "sys/exit_status.hpp"

namespace concur {
namespace {

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

// The last line python3 wrote to its standard error: why it failed, as Python says it.
std::string last_line(const std::vector<std::byte>& bytes) {
  constexpr std::size_t kLongest = 200;  // a reason, not a dump: the end of a longer line is kept
  std::string text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  const auto nl = text.rfind('\n');
  std::string line = nl == std::string::npos ? text : text.substr(nl + 1);
  if (line.size() > kLongest) line = "..." + line.substr(line.size() - kLongest);
  return line;
}

// The words the tasks say as they wait (the count demo's One and Two): all of python's standard
// output that may reach the tool's.
std::vector<std::string> words_said(WorkView work) {
  std::vector<std::string> words;
  for (const Work& w : work)
    if (const auto* s = std::get_if<SleepWork>(&w))
      for (const char* word : {s->before, s->after})
        if (word != nullptr && std::find(words.begin(), words.end(), word) == words.end()) words.emplace_back(word);
  return words;
}

class PythonModel final : public Model {
 public:
  explicit PythonModel(std::string_view flavour) : flavour_(flavour) {}

  void run(RunContext& ctx) override {
    const std::int64_t own_cpu_before = thread_cpu_ns();
    const PythonExit exit = run_python(flavour_, python_job(ctx.work), words_said(ctx.work));
    if (!exited_cleanly(exit.status) || exit.results.empty()) {
      const std::string why = last_line(exit.errors);
      throw std::runtime_error(
          fmt::format("python3 {}{}", describe_exit_status(exit.status), why.empty() ? "" : ": " + printable(why)));
    }
    const PythonRun run = decode_python_results(ctx, exit.results, exit.ended);
    // Python's CPU time, its children's included, less the workload's: its start-up, which the
    // wall time leaves out too. The tool's own share (starting python3, feeding it the job,
    // draining its pipes, decoding) is the harness, not the model, and mostly outside the window:
    // under a sanitizer it outgrew Python's two 1 ms waits and put a sequential row above one core.
    const std::chrono::nanoseconds own_cpu(thread_cpu_ns() - own_cpu_before);
    ctx.cpu_outside = std::max(std::chrono::nanoseconds(0), exit.cpu - run.workload_cpu) + own_cpu;
    // Said once, under py-sequential: it comes along with every Python row.
    if (flavour_ == "sequential")
      ctx.note = fmt::format(
          "Python {}: the py- rows' speedups are against py-sequential; interpreter start-up is "
          "outside their wall and CPU times",
          run.version);
  }

 private:
  std::string_view flavour_;
};

// An interpreter of ~30 MiB, plus what its threads or worker processes need: an upper bound,
// as the limit check wants (py-thread starts a thread per task, py-process a process per core).
// Its descriptors: its standard streams, the results pipe and a few of its own (asyncio's
// epoll); its stack: it ran this program with 48 KiB here, so about five times that.
constexpr std::int64_t kInterpreterDescriptors = 8;
constexpr std::uint64_t kInterpreterStack = 256 * std::uint64_t{1024};

Footprint python_footprint(std::int64_t tasks, std::int64_t workers) {
  return Footprint{.threads = tasks,
                   .processes = 1 + workers,
                   .descriptors = kInterpreterDescriptors,
                   .files_open = 1,
                   .resident_bytes = (32ull << 20) * static_cast<std::uint64_t>(1 + workers),
                   .stack_bytes = kInterpreterStack};
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
          .footprint =
              [](std::int64_t tasks, std::int64_t workers) {
                Footprint f = python_footprint(tasks, workers);
                f.files_open = tasks;  // every thread opens its file at once
                return f;
              },
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
          .footprint =
              [](std::int64_t tasks, std::int64_t workers) {
                Footprint f = python_footprint(tasks, workers);
                f.descriptors += 2 * tasks;  // the parent holds a result pipe and a sentinel per child
                return f;
              },
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
