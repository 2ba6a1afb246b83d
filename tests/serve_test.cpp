// `concur-demo serve` against hostile clients, through the real binary and real sockets:
// malformed requests, oversized headers, bodies, a thousand idle connections, clients that
// trickle their request, that reset mid-response or never read, a full connection cap. After
// each, an ordinary client must still be served, promptly. Also: the bind rules, the status
// line, and Ctrl-C. The sanitizer builds run the same suite (scripts/sanitizers.sh).
#include <gtest/gtest.h>

#include <signal.h>

#include <chrono>
#include <memory>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "child_process.hpp"
#include "net/item.hpp"
#include "raw_http.hpp"

using namespace concur;
using namespace concur::test;
using namespace std::chrono_literals;

namespace {

// A server started for one test, on a free port, with short timeouts so the tests wait little.
class Server {
 public:
  explicit Server(std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"serve", "--port",           "0", "--latency", "20ms", "--idle-timeout",
                                  "1s",    "--header-timeout", "1s"};
    args.insert(args.end(), extra.begin(), extra.end());
    child_ = std::make_unique<Child>(Launch{.args = args});
    const std::string port = first_match_in_output(*child_, R"(listening on http://[^:]+:(\d+))", 20);
    if (port.empty()) throw std::runtime_error("the server did not start: " + child_->err_so_far());
    port_ = static_cast<std::uint16_t>(std::stoi(port));
  }
  [[nodiscard]] std::uint16_t port() const { return port_; }
  [[nodiscard]] Child& child() { return *child_; }

  // An ordinary client: the item must come back whole and correct, within `seconds`.
  void expect_served(std::uint32_t item = 3, std::uint64_t size = 5000, double seconds = 3) const {
    const auto start = std::chrono::steady_clock::now();
    const RawResponse r =
        exchange(port_, get_request("/item/" + std::to_string(item) + "?size=" + std::to_string(size)), seconds);
    const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_EQ(r.status, 200);
    ASSERT_EQ(r.body.size(), size);
    net::BodyDigest digest;
    digest.update(std::as_bytes(std::span(r.body.data(), r.body.size())));
    EXPECT_EQ(digest.value(), net::item_digest(item, size)) << "the body is not item " << item;
    EXPECT_LT(took, seconds);
  }

 private:
  std::unique_ptr<Child> child_;
  std::uint16_t port_ = 0;
};

}  // namespace

TEST(Serve, AnswersAnItemWithItsBytesAfterTheLatency) {
  const Server server;
  const auto start = std::chrono::steady_clock::now();
  const RawResponse r = exchange(server.port(), get_request("/item/42?size=300000&latency=150ms"));
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.headers.at("content-length"), "300000");
  ASSERT_EQ(r.body.size(), 300000u);
  net::BodyDigest digest;
  digest.update(std::as_bytes(std::span(r.body.data(), r.body.size())));
  EXPECT_EQ(digest.value(), net::item_digest(42, 300000));
  EXPECT_NE(digest.value(), net::item_digest(43, 300000)) << "two items must differ";
  EXPECT_GE(took, 150ms);
  // HEAD: the same headers, no body. The server's default latency applies when none is asked.
  const RawResponse head =
      exchange(server.port(), "HEAD /item/1?size=77 HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.headers.at("content-length"), "77");
  EXPECT_EQ(head.body, "");
}

TEST(Serve, KeepsAConnectionAliveForPipelinedRequests) {
  const Server server;
  RawConnection c(server.port());
  c.send(
      "GET /item/1?size=10 HTTP/1.1\r\nHost: t\r\n\r\nGET /item/2?size=20 HTTP/1.1\r\nHost: t\r\nConnection: "
      "close\r\n\r\n");
  const std::string both = c.read(5);
  const RawResponse first = parse_response(both);
  EXPECT_EQ(first.status, 200);
  const auto second_at = both.find("HTTP/1.1 200", 10);
  ASSERT_NE(second_at, std::string::npos) << both;
  const RawResponse second = parse_response(both.substr(second_at));
  EXPECT_EQ(second.headers.at("content-length"), "20");
  EXPECT_EQ(second.body.size(), 20u);
}

TEST(Serve, RefusesWhatIsNotAnItemRequestWithTheRight4xx) {
  const Server server;
  struct Case {
    std::string request;
    int status;
  };
  const std::vector<Case> cases{
      {"POST /item/1 HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n", 405},
      {"DELETE /item/1 HTTP/1.1\r\nHost: t\r\n\r\n", 405},
      {"BREW /item/1 HTTP/1.1\r\nHost: t\r\n\r\n", 405},
      {get_request("/"), 404},
      {get_request("/items/1"), 404},
      {get_request("/item/"), 404},
      {get_request("/item/-1"), 404},
      {get_request("/item/99999999999"), 404},
      {get_request("/item/1?size=abc"), 400},
      {get_request("/item/1?size=2GiB"), 400},
      {get_request("/item/1?latency=5"), 400},
      {get_request("/item/1?latency=2m"), 400},
      {get_request("/item/1?colour=blue"), 400},
      {get_request("/item/1?size=1&size=2"), 400},
      {"GET /item/1 HTTP/1.1\r\n\r\n", 400},  // HTTP/1.1 without Host
      {"GET /item/1 HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello", 413},
      {"GET /item/1 HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n", 413},
      {"GET /item/1 HTTP/3.0\r\nHost: t\r\n\r\n", 505},
      {"GET /item/1 HTTP/1.1\r\nHost: t\r\nno colon here\r\n\r\n", 400},
      {"GET /item/1 HTTP/1.1\r\nHost: t\r\nContent-Length: -3\r\n\r\n", 400},
      {std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n", 15), 400},  // a TLS hello
      {"\r\n\r\n\r\n\r\n", 400},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.request.substr(0, 40));
    const RawResponse r = exchange(server.port(), c.request);
    EXPECT_EQ(r.status, c.status) << r.body;
    EXPECT_EQ(r.headers.contains("connection") ? r.headers.at("connection") : "", "close");
    EXPECT_FALSE(r.body.empty()) << "a refusal says why";
  }
  server.expect_served();
}

TEST(Serve, OversizedRequestLinesAndHeadersGet431) {
  const Server server;
  const std::string long_target = get_request("/item/1?" + std::string(9000, 'a'));
  EXPECT_EQ(exchange(server.port(), long_target).status, 431);
  std::string many_headers = "GET /item/1 HTTP/1.1\r\nHost: t\r\n";
  for (int i = 0; i < 400; ++i) many_headers += "X-Filler-" + std::to_string(i) + ": 0123456789abcdef\r\n";
  many_headers += "\r\n";
  EXPECT_EQ(exchange(server.port(), many_headers).status, 431);
  // A header that never ends: the server stops reading at its limit, it does not buffer on.
  RawConnection endless(server.port());
  endless.send("GET /item/1 HTTP/1.1\r\nHost: t\r\nX-Long: ");
  for (int i = 0; i < 64 && endless.send(std::string(1024, 'x')); ++i) {
  }
  EXPECT_EQ(parse_response(endless.read(5)).status, 431);
  server.expect_served();
}

TEST(Serve, AThousandIdleConnectionsDelayNoOneAndAreClosedAfterTheIdleTimeout) {
  const Server server;
  std::vector<std::unique_ptr<RawConnection>> idle;
  idle.reserve(1000);
  for (int i = 0; i < 1000; ++i) idle.push_back(std::make_unique<RawConnection>(server.port()));
  server.expect_served(5, 100000, 0.9);  // before any idle one has timed out, and promptly
  // Idle timeout 1 s: all of them are closed soon after (generous margin for a loaded machine).
  std::size_t closed = 0;
  for (auto& c : idle) closed += c->closed_within(8) ? 1 : 0;
  EXPECT_EQ(closed, idle.size());
  server.expect_served();
}

TEST(Serve, ATricklingClientIsAnswered408WhileOthersAreServed) {
  const Server server;
  RawConnection slow(server.port());
  const std::string request = get_request("/item/1");
  std::thread trickle([&] {
    for (std::size_t i = 0; i < request.size() && slow.send(request.substr(i, 1)); ++i)
      std::this_thread::sleep_for(100ms);
  });
  for (int i = 0; i < 5; ++i) server.expect_served(static_cast<std::uint32_t>(i), 1000, 1.5);
  const RawResponse r = parse_response(slow.read(5));
  trickle.join();
  EXPECT_EQ(r.status, 408) << r.body;
  server.expect_served();
}

TEST(Serve, AbruptResetsAndClientsThatNeverReadDisturbNoOne) {
  const Server server;
  {
    // Resets while the server waits out the latency, and in the middle of a large body.
    std::vector<std::unique_ptr<RawConnection>> quitters;
    for (int i = 0; i < 200; ++i) {
      quitters.push_back(std::make_unique<RawConnection>(server.port()));
      quitters.back()->send(get_request(i % 2 == 0 ? "/item/1?latency=200ms" : "/item/2?size=50MiB&latency=0s"));
    }
    std::this_thread::sleep_for(50ms);
    for (std::size_t i = 1; i < quitters.size(); i += 2) (void)quitters[i]->read(0.05, 100000);
    for (auto& q : quitters) q->reset();
  }
  // A client that asks for a big body and never reads it: the server must not wait for it.
  RawConnection stuck(server.port());
  stuck.send(get_request("/item/3?size=500MiB&latency=0s"));
  // Half a request, then a reset.
  {
    RawConnection half(server.port());
    half.send("GET /item/1 HT");
    half.reset();
  }
  for (int i = 0; i < 5; ++i) server.expect_served(static_cast<std::uint32_t>(10 + i), 200000, 1.5);
}

TEST(Serve, BeyondItsConnectionCapANewClientIsAnswered503) {
  Server server({"--max-connections", "20"});
  std::vector<std::unique_ptr<RawConnection>> holders;
  holders.reserve(20);
  for (int i = 0; i < 20; ++i) holders.push_back(std::make_unique<RawConnection>(server.port()));
  std::this_thread::sleep_for(200ms);  // every one accepted
  RawConnection extra(server.port());
  const RawResponse busy = parse_response(extra.read(3));
  EXPECT_EQ(busy.status, 503);
  holders.clear();
  EXPECT_TRUE(eventually(3, [&] {
    try {
      return exchange(server.port(), get_request("/item/1?size=10"), 2).status == 200;
    } catch (const std::exception&) {
      return false;
    }
  }));
}

TEST(Serve, PrintsAStatusLineASecondAndStopsCleanlyOnCtrlC) {
  Server server;
  server.expect_served();
  EXPECT_TRUE(eventually(5, [&] { return lines(server.child().out_so_far()).size() >= 10; }));
  ASSERT_EQ(::kill(server.child().pid(), SIGINT), 0);
  const auto done = server.child().wait_for(5);
  ASSERT_TRUE(done.has_value()) << "Ctrl-C did not stop the server";
  EXPECT_EQ(done->exit_code, 0) << done->err;
  EXPECT_EQ(done->err, "");
  const std::regex status(R"(\d\d:\d\d:\d\d  open +\d+  served +\d+  refused +\d+  sent +[\d.]+ \w+)");
  int status_lines = 0;
  for (const auto& line : lines(done->out)) status_lines += std::regex_match(line, status) ? 1 : 0;
  EXPECT_GE(status_lines, 2) << done->out;
  EXPECT_NE(done->out.find("stopped after"), std::string::npos) << done->out;
  EXPECT_NE(done->out.find("1 requests served"), std::string::npos) << done->out;
  EXPECT_NE(done->out.find("this machine only"), std::string::npos) << done->out;
}

TEST(Serve, BindsLoopbackUnlessToldAndSaysSoWhenItReachesBeyond) {
  {
    Server local({"--bind", "127.0.0.2"});
    RawConnection c(local.port(), "127.0.0.2");
    c.send(get_request("/item/1?size=5"));
    EXPECT_EQ(parse_response(c.read(3)).status, 200);
    EXPECT_THROW(RawConnection(local.port(), "127.0.0.1"), std::runtime_error) << "bound 127.0.0.2 only";
  }
  {
    Server everywhere({"--bind", "0.0.0.0"});
    EXPECT_NE(everywhere.child().out_so_far().find("beyond this machine"), std::string::npos);
    everywhere.expect_served();
  }
  for (const auto& bad : std::vector<std::vector<std::string>>{{"--bind", "not-an-address"},
                                                               {"--bind", "203.0.113.7"},
                                                               {"--port", "70000"},
                                                               {"--idle-timeout", "0s"},
                                                               {"--max-connections", "0"}}) {
    SCOPED_TRACE(bad[0] + " " + bad[1]);
    std::vector<std::string> args{"serve", "--port", "0"};
    args.insert(args.end(), bad.begin(), bad.end());
    const Result r = run(Launch{.args = args});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_EQ(lines(r.err).size(), 1u) << r.err;
  }
  // A port in use: one line naming it, exit 2.
  const Server first;
  const Result taken = run(Launch{.args = {"serve", "--port", std::to_string(first.port())}});
  EXPECT_EQ(taken.exit_code, 2) << taken.err;
  EXPECT_NE(taken.err.find("ddress already in use"), std::string::npos) << taken.err;
  EXPECT_EQ(lines(taken.err).size(), 1u) << taken.err;
}
