// MPI model.
static constexpr char kLesson[] = R"(Ranks: processes started by mpirun, on this machine or on the machines of a
hostfile, that share nothing and speak only in MPI messages. Going beyond one machine costs
before any task runs: mpirun starts a daemon on every host, and every rank boots the MPI library
and finds the others. The row's wall time runs from every rank ready to the results in, as an MPI
program times itself between MPI_Init and MPI_Finalize, and its CPU time is the ranks' work on
this machine in that window; the note gives the launch before it and the shutdown after, a
fraction of a second here and seconds across a cluster: distribution pays only when the time it
saves is larger.
The tasks are split statically: rank r of R takes tasks r, r+R, r+2R, ... and runs them one
after another, so --ranks caps concurrency the way a pool's workers do. A static split needs no
message while the work runs, but it cannot even out: a slow host or a long task holds up the
whole job, where a pool's shared queue lets an idle worker take the next task. When its share is
done, each rank's results (k!'s limbs, bytes read and checksums) are gathered to rank 0 as MPI
messages, and rank 0 hands them all to this tool.)";

#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "core/bytes.hpp"
#include "models/model.hpp"
#include "models/mpi_refuses.hpp"
#include "mpi/channel.hpp"
#include "mpi/frames.hpp"
#include "mpi/hostfile.hpp"
#include "mpi/job.hpp"
#include "mpi/launch.hpp"
#include "mpi/launch_note.hpp"
#include "mpi/mpirun_process.hpp"
#include "sys/exit_status.hpp"

namespace concur {
namespace {

using namespace concur::literals;
using Clock = std::chrono::steady_clock;

// Measured on a 2-core Debian 12 machine: a rank holds about 12 MiB and mpirun about 21 MiB
// resident (mostly the MPI libraries); each rank runs 2 threads besides its own, mpirun 3.
constexpr std::uint64_t kResidentPerRank = 16_MiB;
constexpr std::uint64_t kResidentLauncher = 24_MiB;
constexpr std::int64_t kThreadsPerRank = 2;
constexpr std::int64_t kLauncherThreads = 3;
// After the results are in, mpirun and the ranks only finalise; a shutdown longer than this is a hang.
constexpr auto kShutdownLimit = std::chrono::seconds(10);
// mpirun's time to exit once it said the job is over (Open MPI 4 sometimes never does).
constexpr auto kEndedLimit = std::chrono::seconds(5);
// How often the wait loop looks at mpirun and at the tool that started this process.
constexpr int kPollMs = 100;
// The largest frame rank 0 may send before it proved who it is (the token), and after.
constexpr std::size_t kHelloLimit = 64;
constexpr std::size_t kResultLimit = 16 * 1024_MiB;

// One launch, from mpirun's start to its exit, with the moments the note reports.
struct Session {
  Clock::time_point started;
  std::optional<Clock::time_point> ready, results_in;
  std::optional<RunReport> report;
  std::uint64_t result_frame_bytes = 0;
};

class MpiModel final : public Model {
 public:
  void run(RunContext& ctx) override {
    if (const std::string why = mpi_unavailable(); !why.empty()) throw std::runtime_error(why);
    const std::int64_t own_cpu_before = thread_cpu_ns();
    const unsigned ranks = std::max(1U, ctx.workers);
    std::optional<Hostfile> hosts;
    if (!ctx.placement.hostfile.empty()) hosts = read_hostfile(ctx.placement.hostfile);
    const bool other_machines = hosts && hosts->names_other_machines();

    ChannelListener listener(!other_machines);
    const std::vector<std::byte> job = encode_job(ctx.work, ctx.record_cpu);
    const LaunchCommand command = launch_command({.mpirun = find_mpirun(),
                                                  .rank_program = find_rank_program(),
                                                  .ranks = ranks,
                                                  .hostfile = ctx.placement.hostfile,
                                                  .other_machines = other_machines,
                                                  .cores = std::max(1U, std::thread::hardware_concurrency()),
                                                  .rendezvous = listener.rendezvous(),
                                                  .scratch_dir = ctx.placement.scratch_dir},
                                                 environ);

    Session session{.started = Clock::now(), .ready = {}, .results_in = {}, .report = {}, .result_frame_bytes = 0};
    MpirunProcess launcher(command);
    int connection = -1;
    std::string failure;
    try {
      failure = converse(ctx, listener, job, launcher, connection, session);
    } catch (const std::exception& e) {
      failure = e.what();
    }
    if (connection >= 0) ::close(connection);
    listener.close();
    // On failure the launcher's destructor stops mpirun and whatever it left running.
    if (!failure.empty()) throw std::runtime_error(failure);
    if (!exited_cleanly(*launcher.status()))
      throw std::runtime_error(launcher.failure(fmt::format("mpirun {}", describe_exit_status(*launcher.status()))));
    // The row's time runs from every rank ready to the results in, as an MPI program times
    // itself between MPI_Init and MPI_Finalize, and as the Python rows leave their interpreter's
    // start-up out: launch and shutdown are a fixed price, in the note beside the work they buy.
    ctx.origin = std::max(ctx.origin, *session.ready);
    ctx.finish = *session.results_in;
    // Its CPU time covers the same window: the ranks' work on this machine (those elsewhere are
    // not this machine's to count). The runner counts this process and the children it reaped,
    // mpirun and through it the ranks: their start-up, MPI_Init and MPI_Finalize, mpirun's own
    // and this thread's serving rank 0 are outside, as the Python rows leave their interpreter's.
    const auto tree = launcher.cpu() + std::chrono::nanoseconds(thread_cpu_ns() - own_cpu_before);
    ctx.cpu_outside = std::max(std::chrono::nanoseconds(0), tree - work_cpu_here(*session.report));
    place_results(ctx, *session.report, *session.ready);
    std::vector<std::string> remarks = command.notes;
    // Open MPI 4 falls back when a single-copy read is refused, but says so on every message.
    if (launcher.said().find("Read -1, expected") != std::string::npos)
      remarks.emplace_back(
          "ranks were refused each other's memory and fell back to copying (set "
          "OMPI_MCA_btl_vader_single_copy_mechanism=none to skip the attempt)");
    ctx.note = launch_note(
        {.started = session.started, .ready = *session.ready, .results_in = *session.results_in, .ended = Clock::now()},
        *session.report, session.result_frame_bytes, remarks);
  }

 private:
  // Serves rank 0 until mpirun has exited after handing over the results; returns why the run
  // failed, or empty. Never waits longer than the launch limit for the ranks to be ready, nor
  // longer than the shutdown limit for mpirun to exit once the results are in.
  static std::string converse(const RunContext& ctx, ChannelListener& listener, const std::vector<std::byte>& job,
                              MpirunProcess& launcher, int& connection, Session& session) {
    const pid_t tool = ::getppid();
    FrameReader frames;
    bool greeted = false;
    const auto launch_deadline = session.started + ctx.placement.launch_timeout;
    while (true) {
      const auto now = Clock::now();
      // The tool that started this process is gone (killed): nobody will read a result, so
      // stop every rank and end here, leaving nothing behind.
      if (::getppid() != tool) {
        launcher.stop();
        std::error_code ignored;
        if (!ctx.placement.scratch_dir.empty()) std::filesystem::remove_all(ctx.placement.scratch_dir, ignored);
        ::kill(-::getpgrp(), SIGKILL);
      }
      if (!session.ready && now >= launch_deadline)
        return fmt::format("the launch did not complete within {:.2f} s (the ranks never all reported ready){}",
                           std::chrono::duration<double>(ctx.placement.launch_timeout).count(),
                           launcher.said().empty() ? "" : "; mpirun said: " + mpirun_failure(launcher.said()));
      if (session.results_in && now >= *session.results_in + kShutdownLimit)
        return fmt::format("mpirun did not exit within {} s of handing over the results",
                           std::chrono::duration_cast<std::chrono::seconds>(kShutdownLimit).count());
      if (launcher.hung_after_job_ended(kEndedLimit))
        return launcher.failure("mpirun said the job had ended, then did not exit");
      if (launcher.reaped()) {
        launcher.drain_stderr();
        // Results may still sit in the socket: read them before judging.
        for (int waited = 0; connection >= 0 && !session.report && waited < 10; ++waited) {
          pollfd p{.fd = connection, .events = POLLIN, .revents = 0};
          if (::poll(&p, 1, kPollMs) <= 0) continue;
          if (!read_frames(connection, frames, greeted, listener, job, session)) break;
        }
        if (session.report) return {};
        return launcher.failure(
            fmt::format("mpirun {} before the ranks reported their results", describe_exit_status(*launcher.status())));
      }
      pollfd fds[3];
      nfds_t n = 0;
      if (listener.fd() >= 0) fds[n++] = {.fd = listener.fd(), .events = POLLIN, .revents = 0};
      if (connection >= 0) fds[n++] = {.fd = connection, .events = POLLIN, .revents = 0};
      if (launcher.stderr_fd() >= 0) fds[n++] = {.fd = launcher.stderr_fd(), .events = POLLIN, .revents = 0};
      if (::poll(fds, n, kPollMs) < 0 && errno != EINTR)
        throw std::runtime_error(fmt::format("poll failed: {}", std::strerror(errno)));
      launcher.drain_stderr();
      if (connection < 0 && listener.fd() >= 0) {
        connection = ::accept4(listener.fd(), nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
        if (connection < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
          throw std::runtime_error(fmt::format("accept failed: {}", std::strerror(errno)));
      }
      if (connection >= 0 && !read_frames(connection, frames, greeted, listener, job, session)) {
        // Closed: after the results, the end of the run (mpirun exits next); before the token, a
        // stranger, dropped while listening goes on; after it, rank 0 died, and mpirun's exit
        // will name what happened.
        ::close(connection);
        connection = -1;
        if (!greeted) frames = FrameReader();
      }
    }
  }

  // Reads what rank 0 sent and acts on each whole frame; false once the connection is closed.
  static bool read_frames(int connection, FrameReader& frames, bool& greeted, ChannelListener& listener,
                          const std::vector<std::byte>& job, Session& session) {
    bool open = true;
    try {
      open = frames.read_from(connection, greeted ? kResultLimit : kHelloLimit);
    } catch (const std::exception&) {
      if (!greeted) return false;  // a stranger's garbage: drop it, keep listening
      throw;
    }
    while (true) {
      std::optional<std::vector<std::byte>> frame;
      try {
        frame = frames.next();
      } catch (const std::exception&) {
        if (!greeted) return false;
        throw;
      }
      if (!frame) break;
      if (!greeted) {
        if (!listener.accepts(*frame)) return false;  // not our rank 0: drop it, keep listening
        greeted = true;
        listener.close();  // nobody else may connect now
        if (!send_frame(connection, job))
          throw std::runtime_error(fmt::format("cannot send the job to rank 0: {}", std::strerror(errno)));
        continue;
      }
      if (!session.ready) {
        session.ready = Clock::now();
        continue;
      }
      session.results_in = Clock::now();
      session.result_frame_bytes = frame->size();
      session.report = decode_run_report(*frame);
      return false;
    }
    return open;
  }

  // Each task's record and outcome into the run's slots. A rank times its tasks from the moment
  // every rank was ready, on its own clock (another host's clock is not ours): the moment rank 0
  // said so, on this clock, is where they start.
  static void place_results(RunContext& ctx, const RunReport& report, Clock::time_point ready) {
    const std::int64_t offset = std::chrono::duration_cast<std::chrono::nanoseconds>(ready - ctx.origin).count();
    std::vector<bool> seen(ctx.work.size(), false);
    for (std::size_t r = 0; r < report.ranks.size(); ++r)
      for (const TaskResult& t : report.ranks[r].results) {
        if (t.index >= ctx.work.size() || seen[t.index])
          throw std::runtime_error(fmt::format("rank {} reported task {}, which was not its own", r, t.index));
        if (!t.error.empty())
          throw std::runtime_error(
              fmt::format("task {} on rank {} ({}): {}", t.index, r, report.ranks[r].host, t.error));
        seen[t.index] = true;
        TaskRecord record = t.record;
        record.start_ns += offset;
        record.end_ns += offset;
        if (record.resumed_ns != 0) record.resumed_ns += offset;
        ctx.records[t.index] = record;
        ctx.outcomes[t.index] = t.outcome;
      }
    if (const auto missing = std::find(seen.begin(), seen.end(), false); missing != seen.end())
      throw std::runtime_error(fmt::format("no rank reported task {}", missing - seen.begin()));
  }
};

}  // namespace

/// Registry entry for the mpi model.
ModelInfo mpi_model() {
  return {.name = "mpi",
          .blurb = "--ranks processes started by mpirun, here or on --hosts; results gathered as MPI messages",
          .lesson = kLesson,
          .concurrency =
              [](std::int64_t tasks, std::int64_t ranks) {
                const auto n = std::min(tasks, ranks);
                return Concurrency{n, n};
              },
          .make = []() -> std::unique_ptr<Model> { return std::make_unique<MpiModel>(); },
          .footprint =
              [](std::int64_t, std::int64_t ranks) {
                return Footprint{
                    .threads = ranks * kThreadsPerRank + kLauncherThreads,
                    .processes = ranks + 1,  // the ranks and mpirun
                    .descriptors = 4,        // listener, rank 0's connection, mpirun's stderr, /dev/null
                    .resident_bytes = static_cast<std::uint64_t>(ranks) * kResidentPerRank + kResidentLauncher};
              },
          .guide = {.cost = "mpirun, a daemon per host and an MPI runtime in every rank: a fraction of a second to "
                            "launch on one machine, seconds across a cluster; every result travels as a message.",
                    .use_when = "work too big for one machine's cores, cut into tasks long enough to pay for the "
                                "launch, with results small next to the work.",
                    .demo = "concur-demo factorial --model sequential,fork,mpi --ranks 2"},
          .kind = ModelKind::distributed,
          .baseline = "sequential",
          .unavailable = &mpi_unavailable,
          .worker_unit = WorkerUnit::rank,
          .refuses = &mpi_refuses};
}

}  // namespace concur
