// What travels for one run of the mpi model: the job (the tasks) from the measuring process to
// rank 0 and from rank 0 to every rank, and the results back, each rank's gathered at rank 0
// and handed to the measuring process. Encoded in the tool's wire format: every host must run
// the same build on the same kind of machine, which the job's header checks. The fork model's
// parent process (models/support/fork_parent.hpp) receives its tasks in the same encoding.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <span>
#include <string>
#include <vector>

#include "core/task_record.hpp"
#include "net/target.hpp"
#include "scenarios/work.hpp"
#include "scenarios/work_list.hpp"

namespace concur {

/// The tasks of one run as a rank sees them.
struct Job {
  std::vector<Work> work;                ///< every task of the run, in order
  bool record_cpu = false;               ///< fill each task's CPU time
  std::deque<std::string> words;         ///< the text a SleepWork's before/after point into (a deque never moves it)
  std::deque<net::FetchTarget> targets;  ///< the servers the FetchWork tasks point to, resolved on this rank
};

/// Encodes `work` for the ranks (or the fork model's parent); throws std::runtime_error for a kind
/// of task that cannot be sent (the one place to teach them a new kind of work is job.cpp).
std::vector<std::byte> encode_job(WorkView work, bool record_cpu);

/// Decodes a job; throws std::runtime_error when it is garbled or from another kind of build.
Job decode_job(std::span<const std::byte> bytes);

/// The tasks rank `rank` of `ranks` runs, one after another: the static split, task i to rank
/// i mod ranks, so that every rank gets a share of equal size (give or take one).
std::vector<std::size_t> share_of(unsigned rank, unsigned ranks, std::size_t tasks);

/// One task's result as a rank reports it.
struct TaskResult {
  std::uint64_t index = 0;  ///< the task's place in the job
  std::string error;        ///< why the task failed; empty when it produced an outcome
  TaskRecord record;        ///< when it ran, relative to its rank's start of work
  Outcome outcome;          ///< what it produced
};

/// What one rank sends to rank 0 when its share is done.
struct RankReport {
  std::string host;                 ///< MPI_Get_processor_name
  std::int32_t pid = 0;             ///< the rank's process
  std::int64_t work_cpu_ns = 0;     ///< its CPU time from every rank ready to its share done
  std::vector<TaskResult> results;  ///< one per task of its share
};

/// Encodes a rank's report (the bytes gathered to rank 0).
std::vector<std::byte> encode_rank_report(const RankReport& report);

/// Decodes a rank's report; throws std::runtime_error when garbled.
RankReport decode_rank_report(std::span<const std::byte> bytes);

/// The whole run as rank 0 hands it to the measuring process: every rank's report in rank order
/// and what moved between the ranks.
struct RunReport {
  std::uint64_t job_bytes_sent = 0;         ///< bytes of job broadcast from rank 0 to the other ranks
  std::uint64_t result_bytes_gathered = 0;  ///< bytes of results gathered from the other ranks to rank 0
  std::vector<RankReport> ranks;            ///< one per rank
};

/// Encodes the run report from the ranks' encoded reports (rank 0's first).
std::vector<std::byte> encode_run_report(std::uint64_t job_bytes_sent, std::uint64_t result_bytes_gathered,
                                         std::span<const std::vector<std::byte>> rank_reports);

/// Decodes the run report; throws std::runtime_error when garbled.
RunReport decode_run_report(std::span<const std::byte> bytes);

/// The CPU time the ranks on this machine (is_this_machine of their host) spent on their shares:
/// the part of the ranks' work this machine's resource usage can see.
std::chrono::nanoseconds work_cpu_here(const RunReport& report);

}  // namespace concur
