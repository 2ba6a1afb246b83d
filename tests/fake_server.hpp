// A server that answers wrongly on purpose, for the net scenario's failure tests: a real socket
// on 127.0.0.1 and a thread that accepts and misbehaves in one chosen way.
#pragma once

#include <atomic>
#include <cstdint>
#include <thread>
#include <vector>

namespace concur::test {

/// How the fake server misbehaves.
enum class Misbehaviour {
  wrong_body,  ///< 200 with the asked length, but zeros instead of the item
  not_found,   ///< 404 for everything
  reset,       ///< resets every connection as soon as the request has arrived
  truncated,   ///< 200 with the asked length, then closes half-way through the body
  silent,      ///< accepts, reads the request, never answers
};

/// A misbehaving HTTP server on 127.0.0.1, on a port the kernel chose.
class FakeServer {
 public:
  /// Starts listening and accepting.
  explicit FakeServer(Misbehaviour how);
  /// Stops accepting and closes every connection.
  ~FakeServer();
  FakeServer(const FakeServer&) = delete;
  FakeServer& operator=(const FakeServer&) = delete;
  /// Its port.
  [[nodiscard]] std::uint16_t port() const { return port_; }
  /// Connections it has accepted so far.
  [[nodiscard]] int accepted() const { return accepted_.load(); }

 private:
  void serve();
  void answer(int fd);

  Misbehaviour how_;
  int listener_ = -1;
  std::uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> accepted_{0};
  std::vector<int> kept_;  // the silent server's connections, open until the end
  std::thread thread_;
};

}  // namespace concur::test
