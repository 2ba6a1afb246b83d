#include "mpi/job.hpp"

#include <stdexcept>
#include <type_traits>

#include <fmt/format.h>

#include "mpi/fetch_wire.hpp"
#include "mpi/hostfile.hpp"
#include "sys/wire.hpp"

namespace concur {
namespace {

// "CJOB", "CRNK", "CRUN": a stray or truncated message fails at its first word.
constexpr std::uint32_t kJobMagic = 0x424f4a43;
constexpr std::uint32_t kRankMagic = 0x4b4e5243;
constexpr std::uint32_t kRunMagic = 0x4e555243;
// Written in host order: a host of the other byte order reads it reversed and refuses the job.
constexpr std::uint32_t kByteOrder = 0x01020304;
// 2: a rank's report carries its CPU time at work.
constexpr std::uint32_t kVersion = 2;

enum class Kind : std::uint8_t { sleep = 1, file = 2, factorial = 3, fetch = 4 };

void put_word(WireWriter& out, const char* word) {
  out.put<std::uint8_t>(word != nullptr ? 1 : 0);
  if (word != nullptr) out.put_string(word);
}

const char* get_word(WireReader& in, std::deque<std::string>& words) {
  if (in.get<std::uint8_t>() == 0) return nullptr;
  return words.emplace_back(in.get_string()).c_str();
}

void expect(WireReader& in, std::uint32_t magic, std::string_view what) {
  if (in.get<std::uint32_t>() != magic) throw std::runtime_error(fmt::format("garbled {} message", what));
}

}  // namespace

std::vector<std::byte> encode_job(WorkView work, bool record_cpu) {
  WireWriter out;
  out.put(kJobMagic);
  out.put(kByteOrder);
  out.put(kVersion);
  out.put<std::uint8_t>(record_cpu ? 1 : 0);
  out.put<std::uint64_t>(work.size());
  const net::FetchTarget* last_target = nullptr;  // the tasks of a run share one: sent once
  for (const Work& w : work)
    std::visit(
        [&out, &last_target](const auto& task) {
          using T = std::decay_t<decltype(task)>;
          if constexpr (std::is_same_v<T, SleepWork>) {
            out.put(Kind::sleep);
            out.put<std::int64_t>(task.duration.count());
            put_word(out, task.before);
            put_word(out, task.after);
          } else if constexpr (std::is_same_v<T, ReadFileWork>) {
            out.put(Kind::file);
            out.put_string(task.path);
          } else if constexpr (std::is_same_v<T, FactorialWork>) {
            out.put(Kind::factorial);
            out.put(task.k);
          } else if constexpr (std::is_same_v<T, FetchWork>) {
            out.put(Kind::fetch);
            out.put<std::uint8_t>(task.target != last_target ? 1 : 0);
            if (task.target != last_target) put_fetch_target(out, *task.target);
            last_target = task.target;
            out.put(task.item);
          } else {
            // A new kind of work reaches here until it is given an encoding above and a decoding below.
            throw std::runtime_error("this kind of task cannot be sent to another process yet (src/mpi/job.cpp)");
          }
        },
        w);
  return out.bytes();
}

Job decode_job(std::span<const std::byte> bytes) {
  WireReader in(bytes);
  expect(in, kJobMagic, "job");
  if (in.get<std::uint32_t>() != kByteOrder)
    throw std::runtime_error("a rank runs on a machine of another byte order (every host needs the same build)");
  if (in.get<std::uint32_t>() != kVersion)
    throw std::runtime_error("a rank runs another version of concur-demo (every host needs the same build)");
  Job job;
  job.record_cpu = in.get<std::uint8_t>() != 0;
  const auto count = in.get<std::uint64_t>();
  if (count > bytes.size()) throw std::runtime_error("garbled job message");
  job.work.reserve(count);
  for (std::uint64_t i = 0; i < count; ++i) {
    switch (in.get<Kind>()) {
      case Kind::sleep: {
        const std::chrono::nanoseconds duration(in.get<std::int64_t>());
        const char* before = get_word(in, job.words);
        const char* after = get_word(in, job.words);
        job.work.emplace_back(SleepWork{.duration = duration, .before = before, .after = after});
        break;
      }
      case Kind::file:
        job.work.emplace_back(ReadFileWork{.path = in.get_string()});
        break;
      case Kind::factorial:
        job.work.emplace_back(FactorialWork{.k = in.get<std::uint32_t>()});
        break;
      case Kind::fetch: {
        const bool new_target = in.get<std::uint8_t>() != 0;
        if (!new_target && job.targets.empty())
          throw std::runtime_error("garbled job message: a fetch without a server");
        const net::FetchTarget* target = new_target ? get_fetch_target(in, job.targets) : &job.targets.back();
        job.work.emplace_back(FetchWork{.target = target, .item = in.get<std::uint32_t>()});
        break;
      }
      default:
        throw std::runtime_error("garbled job message: unknown kind of task");
    }
  }
  return job;
}

std::vector<std::size_t> share_of(unsigned rank, unsigned ranks, std::size_t tasks) {
  std::vector<std::size_t> share;
  if (ranks == 0) return share;
  for (std::size_t i = rank; i < tasks; i += ranks) share.push_back(i);
  return share;
}

std::vector<std::byte> encode_rank_report(const RankReport& report) {
  WireWriter out;
  out.put(kRankMagic);
  out.put_string(report.host);
  out.put(report.pid);
  out.put(report.work_cpu_ns);
  out.put<std::uint64_t>(report.results.size());
  for (const TaskResult& r : report.results) {
    out.put(r.index);
    out.put<std::uint8_t>(r.error.empty() ? 1 : 0);
    if (!r.error.empty()) {
      out.put_string(r.error);
      continue;
    }
    out.put(r.record);
    out.put(r.outcome.value);
    out.put(r.outcome.digest);
    out.put<std::uint8_t>(r.outcome.crc32 ? 1 : 0);
    out.put_span(std::span<const std::uint64_t>(r.outcome.payload));
  }
  return out.bytes();
}

RankReport decode_rank_report(std::span<const std::byte> bytes) {
  WireReader in(bytes);
  expect(in, kRankMagic, "rank result");
  RankReport report;
  report.host = in.get_string();
  report.pid = in.get<std::int32_t>();
  report.work_cpu_ns = in.get<std::int64_t>();
  const auto count = in.get<std::uint64_t>();
  if (count > bytes.size()) throw std::runtime_error("garbled rank result message");
  report.results.resize(count);
  for (TaskResult& r : report.results) {
    r.index = in.get<std::uint64_t>();
    if (in.get<std::uint8_t>() == 0) {
      r.error = in.get_string();
      continue;
    }
    r.record = in.get<TaskRecord>();
    r.outcome.value = in.get<std::uint64_t>();
    r.outcome.digest = in.get<std::uint64_t>();
    r.outcome.crc32 = in.get<std::uint8_t>() != 0;
    r.outcome.payload = keep_payload(in.get_vector<std::uint64_t>());
  }
  return report;
}

std::vector<std::byte> encode_run_report(std::uint64_t job_bytes_sent, std::uint64_t result_bytes_gathered,
                                         std::span<const std::vector<std::byte>> rank_reports) {
  WireWriter out;
  out.put(kRunMagic);
  out.put(job_bytes_sent);
  out.put(result_bytes_gathered);
  out.put<std::uint64_t>(rank_reports.size());
  for (const auto& r : rank_reports) out.put_span(std::span<const std::byte>(r));
  return out.bytes();
}

RunReport decode_run_report(std::span<const std::byte> bytes) {
  WireReader in(bytes);
  expect(in, kRunMagic, "run result");
  RunReport report;
  report.job_bytes_sent = in.get<std::uint64_t>();
  report.result_bytes_gathered = in.get<std::uint64_t>();
  const auto ranks = in.get<std::uint64_t>();
  if (ranks > bytes.size()) throw std::runtime_error("garbled run result message");
  for (std::uint64_t r = 0; r < ranks; ++r) report.ranks.push_back(decode_rank_report(in.get_vector<std::byte>()));
  return report;
}

std::chrono::nanoseconds work_cpu_here(const RunReport& report) {
  std::chrono::nanoseconds total{0};
  for (const RankReport& rank : report.ranks)
    if (is_this_machine(rank.host)) total += std::chrono::nanoseconds(rank.work_cpu_ns);
  return total;
}

}  // namespace concur
