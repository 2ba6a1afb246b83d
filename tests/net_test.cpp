// The net scenario through the real binary: against a `serve` started apart on another loopback
// address (two machines are not available here; this is the classroom's setup in miniature),
// against servers that answer wrongly or not at all (a ✗ row naming the first failure, quickly,
// never a hang), malformed --server values, and its own server stopped on every path.
#include <gtest/gtest.h>

#include <signal.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <regex>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "child_process.hpp"
#include "fake_server.hpp"
#include "net/target.hpp"
#include "run_binary.hpp"
#include "scenarios/net_notes.hpp"

using namespace concur;
using namespace concur::test;

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// Processes whose environment carries `marker`: the tool, its server and its measured children.
std::set<pid_t> processes_marked(const std::string& marker) {
  std::set<pid_t> found;
  std::error_code ignored;
  for (const auto& e : std::filesystem::directory_iterator("/proc", ignored)) {
    const std::string name = e.path().filename().string();
    if (name.empty() || !std::isdigit(static_cast<unsigned char>(name[0]))) continue;
    std::string env = slurp(e.path().string() + "/environ");
    std::replace(env.begin(), env.end(), '\0', '\n');
    if (env.find(marker) != std::string::npos) found.insert(static_cast<pid_t>(std::stoi(name)));
  }
  return found;
}

nlohmann::json json_rows(const Result& r) { return nlohmann::json::parse(r.out).at("results"); }

std::vector<std::string> quick(std::vector<std::string> extra) {
  std::vector<std::string> args{"net", "--latency", "10ms", "--repeat", "1", "--format", "json"};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

}  // namespace

TEST(Net, FetchesFromAServeStartedApartOnAnotherLoopbackAddress) {
  Child serve(Launch{.args = {"serve", "--bind", "127.0.0.2", "--port", "0"}});
  const std::string port = first_match_in_output(serve, R"(listening on http://127\.0\.0\.2:(\d+))", 20);
  ASSERT_FALSE(port.empty()) << serve.err_so_far();
  const std::string server = "127.0.0.2:" + port;
  const Result r =
      run(Launch{.args = quick({"--server", server, "--tasks", "8", "--model", "sequential,thread,pool"})});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const auto& row : json_rows(r)) {
    EXPECT_TRUE(row.at("verified").get<bool>()) << row.dump();
    EXPECT_EQ(row.at("params").at("server"), server);
    EXPECT_FALSE(row.contains("server_cpu_s")) << "a server of someone else's: its CPU time is not ours to read";
  }
  // The server apart saw them: 2 first fetches, 3 warm-ups, 3 rows of 8.
  EXPECT_TRUE(eventually(3, [&] {
    const std::regex served(R"(served +(\d+))");
    int most = 0;
    for (const auto& line : lines(serve.out_so_far()))
      if (std::smatch s; std::regex_search(line, s, served)) most = std::max(most, std::stoi(s[1]));
    return most >= 2 + 3 + 24;
  })) << serve.out_so_far();
}

TEST(Net, ItsOwnServerReportsItsCpuTimeApartAndTheNotesSayWhatEachConnectionCost) {
  const Result r = run(
      Launch{.args = {"net", "--tasks", "20", "--latency", "50ms", "--model", "sequential,thread", "--repeat", "1"}});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* note : {"memory per connection", "thread ", "wall time in latencies (50ms each)",
                           "the server's CPU time per run", "(own)"})
    EXPECT_NE(r.out.find(note), std::string::npos) << note << " not in\n" << r.out;
  const Result j = run(Launch{.args = quick({"--tasks", "5", "--model", "sequential"})});
  ASSERT_EQ(j.exit_code, 0) << j.err;
  EXPECT_GT(json_rows(j).at(0).at("server_cpu_s").get<double>(), 0);
}

TEST(Net, EveryWrongAnswerIsACrossRowNamingTheFirstFailureWithinSeconds) {
  struct Case {
    Misbehaviour how;
    std::string says;
  };
  for (const Case& c :
       {Case{Misbehaviour::wrong_body, "checksum differs"},
        Case{Misbehaviour::not_found, "answered 404 Not Found: not here"}, Case{Misbehaviour::reset, "item 0"},
        Case{Misbehaviour::truncated, "closed the connection"}, Case{Misbehaviour::silent, "no answer from"}}) {
    SCOPED_TRACE(c.says);
    const FakeServer fake(c.how);
    const auto start = Clock::now();
    const Result r = run(Launch{.args = quick({"--server", "127.0.0.1:" + std::to_string(fake.port()), "--tasks", "6",
                                               "--model", "sequential,thread,pool,fork"})});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    // A silent server costs one read timeout (the latency and 10 s), once: later tasks give up.
    EXPECT_LT(seconds_since(start), 25);
    const auto rows = json_rows(r);
    ASSERT_EQ(rows.size(), 4u);
    for (const auto& row : rows) {
      EXPECT_FALSE(row.at("verified").get<bool>());
      EXPECT_NE(row.value("failure", std::string()).find(c.says), std::string::npos) << row.value("failure", "");
    }
  }
}

TEST(Net, AMalformedServerAddressIsOneLineAndExit2) {
  for (const char* bad : {"nonsense", "teacher:", ":8080", "teacher:0", "teacher:99999", "teacher:80x", "[::1:8080",
                          "a b:80", "no.such.host.invalid:8080", "::1:8080"}) {
    SCOPED_TRACE(bad);
    const Result r = run(Launch{.args = {"net", "--server", bad}});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(lines(r.err).size(), 1u) << r.err;
    EXPECT_NE(r.err.find("--server"), std::string::npos) << r.err;
  }
  const Result other = run(Launch{.args = {"sleep", "--server", "127.0.0.1:8080"}});
  EXPECT_EQ(other.exit_code, 2);
  EXPECT_NE(other.err.find("--server is not an option of sleep: only net takes it"), std::string::npos) << other.err;
}

TEST(Net, ItsOwnServerIsStoppedAtTheEndOnARefusalAndOnCtrlC) {
  const auto leftovers = [](const std::string& marker) {
    return eventually(3, [&] { return processes_marked(marker).empty(); });
  };
  {
    const Result r = run(Launch{.args = quick({"--tasks", "3", "--model", "sequential"}), .env = {"NET_MARK=end"}});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(leftovers("NET_MARK=end"));
  }
  {
    // Refused by the limit check after the server started: 30,000 sockets in one process.
    const Result r = run(Launch{.args = {"net", "--tasks", "30000", "--model", "async"}, .env = {"NET_MARK=limit"}});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("sockets"), std::string::npos) << r.err;
    EXPECT_TRUE(leftovers("NET_MARK=limit"));
  }
  {
    Child tool(Launch{.args = {"net", "--tasks", "4", "--latency", "3s", "--model", "sequential"},
                      .env = {"NET_MARK=interrupt"}});
    // The tool, its server and a measured process: all running before the signal.
    ASSERT_TRUE(eventually(20, [&] { return processes_marked("NET_MARK=interrupt").size() >= 3; }));
    ASSERT_EQ(::kill(tool.pid(), SIGINT), 0);
    const auto done = tool.wait_for(10);
    ASSERT_TRUE(done.has_value());
    EXPECT_EQ(done->exit_code, 128 + SIGINT) << done->err;
    EXPECT_TRUE(leftovers("NET_MARK=interrupt")) << "left behind after Ctrl-C";
  }
}

TEST(Net, PortsAndTheServerCapArePartOfTheLimitCheck) {
  net::FetchTarget remote;
  remote.authority = "[::1]:8080";
  remote.spread_sources = false;
  const std::string why = net_concurrency_problem(remote, false, 40'000);
  EXPECT_NE(why.find("ip_local_port_range"), std::string::npos) << why;
  EXPECT_EQ(net_concurrency_problem(remote, false, 50), "");
  net::FetchTarget loopback = remote;
  loopback.spread_sources = true;
  EXPECT_EQ(net_concurrency_problem(loopback, false, 40'000), "") << "127.x sources each bring their own ports";
  EXPECT_NE(net_concurrency_problem(loopback, true, 50'000'000).find("the tool's server accepts"), std::string::npos);
}
