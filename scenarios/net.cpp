// Network fetches.
static constexpr char kLesson[] = R"(Every task opens a TCP connection to an HTTP server, asks for one item, and
reads and checksums the answer. The server waits --latency before it answers, standing for the
network and a far server's work, so a task is almost all waiting: the case that made event loops
necessary. Fetched one after another, N items take N latencies; any model that keeps the
connections open at once takes about one. What differs is the price of each waiting connection:
an OS thread and its stack, a process, a fiber's stack, or a coroutine frame of a few hundred
bytes; at ten thousand connections (C10k) that price decides what a machine can hold. The server
runs in a process of its own, so a row measures the clients alone; its CPU time is shown apart.)";

#include <algorithm>
#include <memory>

#include <fmt/format.h>

#include "core/endpoint.hpp"
#include "core/parse.hpp"
#include "net/fetch_blocking.hpp"
#include "net/first_failure.hpp"
#include "net/item.hpp"
#include "net/server.hpp"
#include "net/server_process.hpp"
#include "net/target.hpp"
#include "scenarios/net_notes.hpp"
#include "scenarios/scenario.hpp"

namespace concur {
namespace {

constexpr std::int64_t kDefaultTasks = 50;
constexpr std::uint64_t kDefaultSize = 64 * std::uint64_t{1024};
constexpr std::chrono::nanoseconds kDefaultLatency = std::chrono::milliseconds(100);

// Whole milliseconds stay integers in JSON (100, not 100.0); finer latencies keep their fraction.
Param latency_param(std::chrono::nanoseconds latency) {
  const std::string shown = format_duration(latency);
  if (latency % std::chrono::milliseconds(1) == std::chrono::nanoseconds(0))
    return {.key = "latency_ms",
            .value = std::chrono::duration_cast<std::chrono::milliseconds>(latency).count(),
            .display = shown};
  return {.key = "latency_ms", .value = std::chrono::duration<double, std::milli>(latency).count(), .display = shown};
}

class NetScenario final : public Scenario {
 public:
  explicit NetScenario(const ScenarioOptions& options)
      : latency_(options.latency.value_or(kDefaultLatency)), size_(options.size.value_or(kDefaultSize)) {
    const net::RequestLimits caps;
    if (latency_ > caps.max_latency)
      throw ParseError(fmt::format("invalid --latency '{}': the server waits at most {}", format_duration(latency_),
                                   format_duration(caps.max_latency)));
    if (size_ > caps.max_size)
      throw ParseError(fmt::format("invalid --size '{}': the server sends at most {} per request", format_size(size_),
                                   format_size(caps.max_size)));
    // Every connection is a descriptor: let this process, and the measured ones forked from it,
    // open as many as the hard limit allows (the limit check counts against that).
    net::raise_open_file_limit();
    first_failure_ = std::make_unique<net::FirstFailure>();
    if (options.server) {
      const Endpoint where = parse_endpoint(*options.server, "--server");
      target_ = net::resolve_target(where.host, where.port, size_, latency_, "--server");
    } else {
      // Loopback (the default bind), on a port the kernel chooses. Not a designated initialiser:
      // g++ 12 warns about every member such a list leaves to its default.
      net::ServerOptions own;
      own.port = 0;
      server_ = std::make_unique<net::ServerProcess>(own);
      target_ = net::resolve_target(server_->address(), server_->port(), size_, latency_, "--server");
    }
    target_.first_failure = first_failure_.get();
    const auto tasks = static_cast<std::uint32_t>(options.tasks.value_or(kDefaultTasks));
    digests_.reserve(tasks);
    for (std::uint32_t i = 0; i < tasks; ++i) {
      work_.emplace_back(FetchWork{.target = &target_, .item = i});
      digests_.push_back(net::item_digest(i, size_));
    }
    try_first_fetch();
  }

  [[nodiscard]] std::string title() const override {
    return server_ ? "every task fetches one item over HTTP from a server in its own process (I/O-bound)"
                   : fmt::format("every task fetches one item over HTTP from {} (I/O-bound)", target_.authority);
  }

  [[nodiscard]] std::vector<Param> params() const override {
    return {latency_param(latency_),
            Param{.key = "size_bytes", .value = static_cast<std::int64_t>(size_), .display = format_size(size_)},
            Param{.key = "server",
                  .value = target_.authority,
                  .display = server_ ? fmt::format("{} (own)", target_.authority) : target_.authority}};
  }

  [[nodiscard]] const WorkList& work() const override { return work_; }
  [[nodiscard]] Bound bound() const override { return Bound::io; }
  [[nodiscard]] std::chrono::nanoseconds task_time() const override { return task_time_; }

  // A failure of the first fetch (the server cannot be reached) stays recorded for every run:
  // their tasks give up at once, naming it, instead of each waiting out a timeout again.
  void prepare_run() override {
    if (!unreachable_) first_failure_->clear();
  }

  [[nodiscard]] Verdict verify(std::span<const Outcome> outcomes) const override {
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
      const Outcome& o = outcomes[i];
      if (o.value != size_)
        return {false, fmt::format("task {} received {} body bytes, expected {}", i, o.value, size_)};
      const std::uint64_t expected = o.crc32 ? net::item_crc32(i, size_) : digests_[i];
      if (o.digest != expected)
        return {false, fmt::format("task {}: the body is not item {}'s (checksum differs)", i, i)};
    }
    return {true, {}};
  }

  [[nodiscard]] double helper_cpu_seconds() const override { return server_ ? server_->cpu_seconds() : -1; }
  [[nodiscard]] std::int64_t descriptors_per_task() const override { return 1; }
  [[nodiscard]] std::string concurrency_problem(std::int64_t in_flight) const override {
    return net_concurrency_problem(target_, server_ != nullptr, in_flight);
  }
  [[nodiscard]] std::vector<std::string> notes(const ScenarioResult& result) const override {
    return net_notes(result, latency_, server_ != nullptr, unreachable_note_);
  }

 private:
  // Two fetches before any run: the faster is the yardstick for the ideal times (a latency plus
  // the transfer; the first also pays for starting up), and a failure is the first sign of a
  // server that cannot be reached.
  void try_first_fetch() {
    try {
      task_time_ = std::chrono::nanoseconds::max();
      for (int i = 0; i < 2; ++i) {
        const auto start = std::chrono::steady_clock::now();
        (void)net::fetch_blocking(target_, 0, 0);
        task_time_ = std::min<std::chrono::nanoseconds>(task_time_, std::chrono::steady_clock::now() - start);
      }
    } catch (const std::exception& e) {
      unreachable_ = true;
      unreachable_note_ = fmt::format("the first fetch, before any run, failed: {}", e.what());
      task_time_ = latency_;
    }
  }

  std::chrono::nanoseconds latency_;
  std::uint64_t size_;
  std::unique_ptr<net::ServerProcess> server_;  // null with --server
  std::unique_ptr<net::FirstFailure> first_failure_;
  net::FetchTarget target_;
  WorkList work_;
  std::vector<std::uint64_t> digests_;
  std::chrono::nanoseconds task_time_{};
  bool unreachable_ = false;
  std::string unreachable_note_;
};

}  // namespace

/// Registry entry for the net scenario.
ScenarioInfo net_scenario() {
  return {
      .name = "net",
      .blurb = "network fetches: N tasks each GET one item from an HTTP server that waits --latency (I/O-bound)",
      .group = "io",
      .lesson = kLesson,
      .make = [](const ScenarioOptions& o) -> std::unique_ptr<Scenario> { return std::make_unique<NetScenario>(o); },
      // Known without starting a server; the sockets and ports are checked once it is built.
      .size = [](const ScenarioOptions& o) { return ScenarioSize{.tasks = o.tasks.value_or(kDefaultTasks)}; }};
}

}  // namespace concur
