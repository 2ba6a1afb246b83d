// The rank program of the mpi model, started by mpirun once per rank on every host. Rank 0
// connects back to the measuring process and receives the job; it is broadcast to every rank;
// each runs its static share of the tasks, one after another, with the same blocking code every
// model uses; the results are gathered to rank 0 as MPI messages and handed to the measuring
// process. It is the only code of the project that links MPI: the tool itself runs without it.
#include <mpi.h>
#include <signal.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

#include <chrono>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "models/model.hpp"
#include "mpi/channel.hpp"
#include "mpi/frames.hpp"
#include "mpi/job.hpp"
#include "mpi/launch.hpp"

namespace {

using namespace concur;

// How long rank 0 tries each address of the measuring process; the launch limit bounds the whole.
constexpr std::chrono::milliseconds kConnectPerAddress{5000};
// The byte rank 0 sends once every rank is ready to work.
constexpr std::byte kReady{0x52};

// A rank must never outlive the tool that asked for it. Its launcher (mpirun here, Open MPI's
// daemon on another host) is killed with the measuring process's group when the tool is
// interrupted; the rank then dies with it. Open MPI puts each rank in a process group of its own
// and signals that group when it aborts a job, so a rank cannot join the measuring group.
void stay_with_launcher() {
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  // The launcher died before the line above took effect: nothing would end this rank later.
  if (const char* launcher = std::getenv(kLauncherVariable); launcher != nullptr)
    if (::getppid() != static_cast<pid_t>(std::atol(launcher))) ::_exit(1);
}

int checked_count(std::size_t n) {
  if (n > static_cast<std::size_t>(INT_MAX)) throw std::runtime_error("a message larger than 2 GiB cannot be sent");
  return static_cast<int>(n);
}

// Rank 0's job bytes to every rank: its size first, then the bytes.
std::vector<std::byte> broadcast(std::vector<std::byte> bytes) {
  std::uint64_t size = bytes.size();
  MPI_Bcast(&size, 1, MPI_UINT64_T, 0, MPI_COMM_WORLD);
  bytes.resize(size);
  MPI_Bcast(bytes.data(), checked_count(size), MPI_BYTE, 0, MPI_COMM_WORLD);
  return bytes;
}

// Every rank's report to rank 0 (MPI_Gatherv); rank 0 gets them in rank order, itself first.
std::vector<std::vector<std::byte>> gather(const std::vector<std::byte>& mine, int rank, int ranks) {
  std::uint64_t size = mine.size();
  std::vector<std::uint64_t> sizes(rank == 0 ? static_cast<std::size_t>(ranks) : 0);
  MPI_Gather(&size, 1, MPI_UINT64_T, sizes.data(), 1, MPI_UINT64_T, 0, MPI_COMM_WORLD);
  std::vector<int> counts, offsets;
  std::vector<std::byte> all;
  if (rank == 0) {
    std::size_t total = 0;
    for (const auto s : sizes) {
      counts.push_back(checked_count(s));
      offsets.push_back(checked_count(total));
      total += s;
    }
    (void)checked_count(total);
    all.resize(total);
  }
  MPI_Gatherv(mine.data(), checked_count(mine.size()), MPI_BYTE, all.data(), counts.data(), offsets.data(), MPI_BYTE, 0,
              MPI_COMM_WORLD);
  std::vector<std::vector<std::byte>> reports;
  for (std::size_t r = 0; r < counts.size(); ++r) {
    const auto begin = all.begin() + offsets[r];
    reports.emplace_back(begin, begin + counts[r]);
  }
  return reports;
}

// This rank's CPU time so far, every thread of it (MPI's own included).
std::int64_t process_cpu_ns() {
  timespec t{};
  ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<std::int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}

std::string processor_name() {
  char name[MPI_MAX_PROCESSOR_NAME];
  int length = 0;
  MPI_Get_processor_name(name, &length);
  return {name, static_cast<std::size_t>(length)};
}

// This rank's share, one task after another, timed from `origin` on this rank's clock.
RankReport run_share(const Job& job, unsigned rank, unsigned ranks, std::chrono::steady_clock::time_point origin) {
  RankReport report{
      .host = processor_name(), .pid = static_cast<std::int32_t>(::getpid()), .work_cpu_ns = 0, .results = {}};
  const std::span<const Work> work(job.work);
  for (const std::size_t i : share_of(rank, ranks, work.size())) {
    TaskResult result{.index = i, .error = {}, .record = {}, .outcome = {}};
    // A context of one task: its slots are the result's own, so nothing is copied afterwards.
    RunContext one{.work = work.subspan(i, 1),
                   .outcomes = {&result.outcome, 1},
                   .records = {&result.record, 1},
                   .workers = 1,
                   .origin = origin,
                   .note = {},
                   .record_cpu = job.record_cpu,
                   .placement = {}};
    try {
      run_task_blocking(one, 0);
    } catch (const std::exception& e) {
      result.error = e.what();
    }
    report.results.push_back(std::move(result));
  }
  return report;
}

void serve(int rank, int ranks) {
  int channel = -1;
  std::vector<std::byte> job_bytes;
  if (rank == 0) {
    const char* rendezvous = std::getenv(kChannelVariable);
    if (rendezvous == nullptr)
      throw std::runtime_error(
          fmt::format("{} is not set: start me through concur-demo --model mpi", kChannelVariable));
    channel = connect_back(rendezvous, kConnectPerAddress);
    job_bytes = receive_frame(channel);
  }
  job_bytes = broadcast(std::move(job_bytes));
  const Job job = decode_job(job_bytes);
  MPI_Barrier(MPI_COMM_WORLD);
  const auto origin = std::chrono::steady_clock::now();
  // The row's CPU time is the ranks' from here to their shares done, the window of its wall
  // time; the start-up before and MPI_Finalize after are the launch's and shutdown's.
  const std::int64_t cpu_at_origin = process_cpu_ns();
  if (rank == 0 && !send_frame(channel, std::span(&kReady, 1)))
    throw std::runtime_error("the measuring process went away before the work began");
  RankReport mine = run_share(job, static_cast<unsigned>(rank), static_cast<unsigned>(ranks), origin);
  mine.work_cpu_ns = process_cpu_ns() - cpu_at_origin;
  const auto reports = gather(encode_rank_report(mine), rank, ranks);
  if (rank != 0) return;
  std::uint64_t gathered = 0;
  for (std::size_t r = 1; r < reports.size(); ++r) gathered += reports[r].size();
  const auto run = encode_run_report(job_bytes.size() * static_cast<std::uint64_t>(ranks - 1), gathered, reports);
  if (!send_frame(channel, run)) throw std::runtime_error("the measuring process went away before the results");
  ::close(channel);
}

}  // namespace

int main(int argc, char** argv) {
  stay_with_launcher();
  MPI_Init(&argc, &argv);
  int rank = 0, ranks = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &ranks);
  try {
    serve(rank, ranks);
  } catch (const std::exception& e) {
    // One line the measuring process recognises; MPI_Abort then ends every rank of the job.
    std::fprintf(stderr, "%s: rank %d on %s: %s\n", kRankProgram, rank, processor_name().c_str(), e.what());
    std::fflush(stderr);
    MPI_Abort(MPI_COMM_WORLD, 1);
  }
  MPI_Finalize();
  return 0;
}
