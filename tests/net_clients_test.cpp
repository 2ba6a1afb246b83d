// The non-blocking net clients in the test process itself, without the scenario's first fetch in
// front of them: async (coroutines on one loop) and fiber (Asio steps completed into fiber
// futures) against a real `serve`, and against servers that misbehave in the middle of a run.
// Every item arrives whole with every connection open at once on one thread; every failure comes
// back as an error naming the item and the server, within the timeouts, and leaves no socket open.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "child_process.hpp"
#include "fake_server.hpp"
#include "models/model.hpp"
#include "net/item.hpp"
#include "net/target.hpp"
#include "registry/registry.hpp"
#include "sanitizer_support.hpp"

using namespace concur;
using namespace concur::test;
using namespace std::chrono_literals;

namespace {

using Clock = std::chrono::steady_clock;

// The tasks of one run, each fetching its own item from `target`; it holds the target the
// tasks point to, so it stays where it was made.
class Fetches {
 public:
  Fetches(net::FetchTarget target, std::uint32_t tasks)
      : target_(std::move(target)), outcomes_(tasks), records_(tasks) {
    work_.reserve(tasks);
    for (std::uint32_t i = 0; i < tasks; ++i) work_.emplace_back(FetchWork{.target = &target_, .item = i});
  }
  Fetches(const Fetches&) = delete;
  Fetches& operator=(const Fetches&) = delete;

  // Runs every task under `model` with `workers` workers; a task's failure is thrown.
  void run(const std::string& model, unsigned workers) {
    RunContext ctx{.work = work_,
                   .outcomes = outcomes_,
                   .records = records_,
                   .workers = workers,
                   .origin = Clock::now(),
                   .note = {},
                   .record_cpu = false,
                   .placement = {}};
    find_model(model)->make()->run(ctx);
  }

  [[nodiscard]] const std::vector<Outcome>& outcomes() const { return outcomes_; }
  [[nodiscard]] const std::vector<TaskRecord>& records() const { return records_; }

 private:
  net::FetchTarget target_;
  std::vector<Work> work_;
  std::vector<Outcome> outcomes_;
  std::vector<TaskRecord> records_;
};

std::size_t open_descriptors() {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator("/proc/self/fd")) ++n;
  return n;
}

// A target whose silence is noticed within a second, so a dead server costs a test little.
net::FetchTarget quick_target(std::uint16_t port, std::uint64_t size, std::chrono::nanoseconds latency) {
  net::FetchTarget target = net::resolve_target("127.0.0.1", port, size, latency, "--server");
  target.connect_timeout = 1s;
  target.io_timeout = 1s;
  return target;
}

}  // namespace

TEST(NetClients, AsyncAndFiberFetchEveryItemWithEveryConnectionOpenAtOnceOnOneThread) {
  Child serve(Launch{.args = {"serve", "--port", "0"}});
  const std::string listening = first_match_in_output(serve, R"(listening on http://127\.0\.0\.1:(\d+))", 20);
  ASSERT_FALSE(listening.empty()) << serve.err_so_far();
  const auto port = static_cast<std::uint16_t>(std::stoi(listening));
  constexpr std::uint32_t kTasks = 200;
  constexpr std::uint64_t kSize = 20'000;  // a few reads each, not one
  for (const char* model : {"async", "fiber"}) {
    if (!test::sanitizer_follows(model)) continue;  // TSan cannot follow Boost.Context's switches
    SCOPED_TRACE(model);
    Fetches fetches(quick_target(port, kSize, 300ms), kTasks);
    // One worker: a fiber that blocked its thread on a socket would let no other fiber start
    // until its answer came, and only one connection would ever be open.
    ASSERT_NO_THROW(fetches.run(model, 1));
    for (std::uint32_t i = 0; i < kTasks; ++i) {
      ASSERT_EQ(fetches.outcomes()[i].value, kSize) << "item " << i;
      ASSERT_EQ(fetches.outcomes()[i].digest, net::item_digest(i, kSize)) << "item " << i;
    }
    EXPECT_EQ(max_in_flight(fetches.records()), kTasks);
    std::set<std::int32_t> threads;
    for (const TaskRecord& r : fetches.records()) threads.insert({r.tid, r.end_tid});
    EXPECT_EQ(threads.size(), 1U) << "every task started and ended on the one thread";
  }
}

TEST(NetClients, AServerMisbehavingMidRunFailsTheRunNamingItemAndServerAndLeavesNoSocketOpen) {
  struct Case {
    Misbehaviour how;
    std::string says;
  };
  for (const Case& c :
       {Case{Misbehaviour::not_found, "answered 404 Not Found"}, Case{Misbehaviour::reset, "item "},
        Case{Misbehaviour::truncated, "closed the connection"}, Case{Misbehaviour::silent, "no answer from"}}) {
    for (const char* model : {"async", "fiber"}) {
      if (!test::sanitizer_follows(model)) continue;  // TSan cannot follow Boost.Context's switches
      SCOPED_TRACE(c.says + " under " + model);
      [[maybe_unused]] const std::size_t before = open_descriptors();  // not compared under ASan (below)
      {
        const FakeServer fake(c.how);
        const std::string authority = "127.0.0.1:" + std::to_string(fake.port());
        const auto start = Clock::now();
        Fetches fetches(quick_target(fake.port(), 1000, 0ms), 4);
        try {
          fetches.run(model, 2);
          ADD_FAILURE() << "the run succeeded";
        } catch (const std::exception& e) {
          const std::string what = e.what();
          EXPECT_NE(what.find(c.says), std::string::npos) << what;
          EXPECT_NE(what.find(authority), std::string::npos) << what;
        }
        // Four silent connections wait out one read timeout together, not one after another.
        EXPECT_LT(std::chrono::duration<double>(Clock::now() - start).count(), 3.5);
      }
      // The fake server's own sockets are closed with it: what is left would be the clients'.
      // (Not counted under ASan: its log file, opened for the warning a fiber's exception gives
      // on Boost.Context's stack, is a descriptor of this process too.)
#ifndef __SANITIZE_ADDRESS__
      EXPECT_EQ(open_descriptors(), before) << "a socket was left open";
#endif
    }
  }
}

TEST(NetClients, AWrongBodyArrivesWholeButWithAnotherChecksum) {
  const FakeServer fake(Misbehaviour::wrong_body);
  for (const char* model : {"async", "fiber"}) {
    if (!test::sanitizer_follows(model)) continue;  // TSan cannot follow Boost.Context's switches
    SCOPED_TRACE(model);
    Fetches fetches(quick_target(fake.port(), 5000, 0ms), 3);
    ASSERT_NO_THROW(fetches.run(model, 2));
    for (std::uint32_t i = 0; i < 3; ++i) {
      EXPECT_EQ(fetches.outcomes()[i].value, 5000U);
      EXPECT_NE(fetches.outcomes()[i].digest, net::item_digest(i, 5000));
    }
  }
}

// A fiber that fails closes its connection (a step on the loop, so the fiber suspends and may
// resume on another worker) before its error goes on: with every fetch failing at once on two
// workers, an error rethrown as "the exception being handled" found none there and terminated.
TEST(NetClients, FibersFailingAtOnceOnTwoWorkersFailTheRunWithTheirError) {
  if (!test::sanitizer_follows("fiber")) GTEST_SKIP() << "TSan cannot follow Boost.Context's switches";
  std::uint16_t port = 0;
  {
    const FakeServer gone(Misbehaviour::not_found);  // a port that was free a moment ago, closed again
    port = gone.port();
  }
  for (int round = 0; round < 20; ++round) {
    Fetches fetches(quick_target(port, 100, 0ms), 200);
    try {
      fetches.run("fiber", 2);
      ADD_FAILURE() << "the run succeeded";
    } catch (const std::exception& e) {
      EXPECT_NE(std::string(e.what()).find("cannot connect to 127.0.0.1:"), std::string::npos) << e.what();
    }
  }
}

TEST(NetClients, NoServerListeningIsACannotConnectNamingTheServer) {
  std::uint16_t port = 0;
  {
    const FakeServer gone(Misbehaviour::not_found);  // a port that was free a moment ago, closed again
    port = gone.port();
  }
  for (const char* model : {"async", "fiber"}) {
    if (!test::sanitizer_follows(model)) continue;  // TSan cannot follow Boost.Context's switches
    SCOPED_TRACE(model);
    Fetches fetches(quick_target(port, 100, 0ms), 2);
    try {
      fetches.run(model, 1);
      ADD_FAILURE() << "the run succeeded";
    } catch (const std::exception& e) {
      const std::string what = e.what();
      EXPECT_NE(what.find("cannot connect to 127.0.0.1:" + std::to_string(port)), std::string::npos) << what;
    }
  }
}
