// The network row's floor: the fetches of `concur-demo net` written with nothing but the kernel's
// interfaces on one thread (non-blocking sockets, one epoll set, no Asio, no Beast, no coroutine
// frames, no timeouts), against the same server. Every connection is opened at once; every 32
// connects the loop takes what is ready, as the async model does during its first latency, so
// requests leave while later connections are still being opened. A body counts only if its
// status is 200 and its XXH3 digest is the item's (net/item.hpp), as concur-demo verifies it. What
// the async row takes beyond this is its libraries' and the tool's cost; what this takes beyond
// one latency is the machine's (two processes' TCP work on the same cores). Prints one JSON line
// like the peers (scenarios/peers/peer.py).
//
//   bare_fetch TASKS LATENCY_MS HOST:PORT SIZE_BYTES
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "net/item.hpp"

namespace {

constexpr std::size_t kStartsBetweenPolls = 32;
constexpr std::size_t kReadBytes = std::size_t{128} * 1024;
constexpr std::string_view kEndOfHead = "\r\n\r\n";
constexpr std::size_t kLongestHead = 8192;

struct Fetch {
  int fd = -1;
  bool sent = false;
  bool done = false;
  bool ok = false;
  bool head_done = false;
  std::string head;  // the status line and headers, until the blank line
  std::uint64_t body_bytes = 0;
  std::uint64_t expected = 0;  // the item's digest, known before the clock starts
  concur::net::BodyDigest digest;
};

struct Client {
  sockaddr_in server{};
  std::string host;
  std::uint64_t size = 0;
  long latency_ms = 0;
  int epoll = -1;
  std::vector<Fetch> fetches;
  std::size_t finished = 0;
  std::string length_line = "\r\nContent-Length: " + std::to_string(size) + "\r\n";
  std::array<char, kReadBytes> buffer{};

  void send_request(std::size_t i) {
    Fetch& f = fetches[i];
    const std::string request = "GET /item/" + std::to_string(i) + "?size=" + std::to_string(size) +
                                "&latency=" + std::to_string(latency_ms) + "ms HTTP/1.1\r\nHost: " + host +
                                "\r\nConnection: close\r\n\r\n";
    f.sent = true;
    if (::send(f.fd, request.data(), request.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(request.size())) finish(i);
  }

  void take(std::size_t i, const char* data, std::size_t n) {
    Fetch& f = fetches[i];
    std::string_view bytes(data, n);
    if (!f.head_done) {
      // The head is kept (to check its status line); the body is only digested, never copied.
      const std::size_t before = f.head.size();
      f.head.append(bytes.substr(0, std::min(n, kLongestHead)));
      const auto end = f.head.find(kEndOfHead, before < kEndOfHead.size() ? 0 : before - kEndOfHead.size() + 1);
      if (end == std::string::npos) return;
      f.head_done = true;
      bytes.remove_prefix(end + kEndOfHead.size() - before);
      f.head.resize(end + 2);  // the last header line keeps its line end
    }
    f.digest.update(std::as_bytes(std::span(bytes.data(), bytes.size())));
    f.body_bytes += bytes.size();
  }

  // A fetch ends when its whole body is in (its Content-Length, as concur-demo's reader ends),
  // or at the end of the stream or an error.
  void read_ready(std::size_t i) {
    Fetch& f = fetches[i];
    while (!f.done) {
      const ssize_t n = ::recv(f.fd, buffer.data(), buffer.size(), MSG_DONTWAIT);
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
      if (n < 0 && errno == EINTR) continue;
      if (n > 0) take(i, buffer.data(), static_cast<std::size_t>(n));
      if (n > 0 && f.body_bytes < size) continue;
      f.ok = f.head.starts_with("HTTP/1.1 200 ") && f.head.find(length_line) != std::string::npos &&
             f.body_bytes == size && f.digest.value() == f.expected;
      finish(i);
    }
  }

  void finish(std::size_t i) {
    ::close(fetches[i].fd);
    fetches[i].done = true;
    ++finished;
  }

  // Handles what is ready; waits at most `timeout_ms`.
  void poll(int timeout_ms) {
    std::array<epoll_event, 256> events{};
    const int n = ::epoll_wait(epoll, events.data(), static_cast<int>(events.size()), timeout_ms);
    for (int k = 0; k < n; ++k) {
      const std::size_t i = events[static_cast<std::size_t>(k)].data.u32;
      if (fetches[i].done) continue;
      if (!fetches[i].sent && (events[static_cast<std::size_t>(k)].events & EPOLLOUT)) send_request(i);
      if (!fetches[i].done && (events[static_cast<std::size_t>(k)].events & (EPOLLIN | EPOLLHUP | EPOLLERR)))
        read_ready(i);
    }
  }

  void start(std::size_t i) {
    Fetch& f = fetches[i];
    f.fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (f.fd < 0) {
      std::perror("bare_fetch: socket");
      std::exit(1);
    }
    if (::connect(f.fd, reinterpret_cast<const sockaddr*>(&server), sizeof server) != 0 && errno != EINPROGRESS) {
      finish(i);
      return;
    }
    epoll_event event{.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET,
                      .data = {.u32 = static_cast<std::uint32_t>(i)}};
    ::epoll_ctl(epoll, EPOLL_CTL_ADD, f.fd, &event);
  }
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: bare_fetch TASKS LATENCY_MS HOST:PORT SIZE_BYTES\n");
    return 2;
  }
  const std::string address = argv[3];
  const auto colon = address.rfind(':');
  Client client{.host = address,
                .size = std::strtoull(argv[4], nullptr, 10),
                .latency_ms = std::atol(argv[2]),
                .epoll = ::epoll_create1(EPOLL_CLOEXEC),
                .fetches = std::vector<Fetch>(std::strtoul(argv[1], nullptr, 10))};
  client.server.sin_family = AF_INET;
  client.server.sin_port = htons(static_cast<std::uint16_t>(std::atoi(address.c_str() + colon + 1)));
  if (colon == std::string::npos ||
      ::inet_pton(AF_INET, address.substr(0, colon).c_str(), &client.server.sin_addr) != 1) {
    std::fprintf(stderr, "bare_fetch: HOST:PORT must be an IPv4 address and a port\n");
    return 2;
  }
  rlimit files{};
  ::getrlimit(RLIMIT_NOFILE, &files);
  files.rlim_cur = files.rlim_max;
  ::setrlimit(RLIMIT_NOFILE, &files);
  const std::size_t tasks = client.fetches.size();
  for (std::size_t i = 0; i < tasks; ++i) client.fetches[i].expected = concur::net::item_digest(i, client.size);

  const auto start = std::chrono::steady_clock::now();
  for (std::size_t i = 0; i < tasks; ++i) {
    client.start(i);
    if (i % kStartsBetweenPolls == kStartsBetweenPolls - 1) client.poll(0);
  }
  while (client.finished < tasks) client.poll(1000);
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  std::size_t ok = 0;
  for (const Fetch& f : client.fetches) ok += f.ok ? 1 : 0;
  std::printf("{\"wall_s\": %.9f, \"tasks\": %zu, \"verified\": %s}\n", wall, tasks, ok == tasks ? "true" : "false");
  return ok == tasks ? 0 : 1;
}
