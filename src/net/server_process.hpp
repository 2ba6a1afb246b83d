// The server the net scenario starts for itself: a child process of its own, so the rows
// measure the clients alone (their CPU time, their memory) while the server's CPU time is read
// apart. It is started before the first measured run and stopped when its owner goes; if the
// tool dies first (a signal, a crash, SIGKILL) the kernel kills it too, so none is left behind.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>

#include "net/server.hpp"

namespace concur::net {

/// A server running in a child process, on a port the kernel chose.
class ServerProcess {
 public:
  /// Forks a server listening on `options.bind` (port 0: any free port) and waits until it
  /// listens; throws std::runtime_error (or UsageError for a bad address) if it cannot start.
  /// Call from a single-threaded process: the child runs the server without exec.
  explicit ServerProcess(ServerOptions options);
  /// Stops the server (SIGTERM, then SIGKILL if it has not ended within two seconds) and reaps it.
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  /// The address it listens on ("127.0.0.1").
  [[nodiscard]] const std::string& address() const { return address_; }
  /// The port it listens on.
  [[nodiscard]] std::uint16_t port() const { return port_; }
  /// Its process id.
  [[nodiscard]] pid_t pid() const { return pid_; }
  /// CPU time (user + system, all its threads) it has used so far, in seconds; negative once it
  /// has ended.
  [[nodiscard]] double cpu_seconds() const;

 private:
  void stop() noexcept;

  pid_t pid_ = -1;
  pid_t owner_ = -1;  // a forked copy of this object (in a measured process) must not stop the server
  std::string address_;
  std::uint16_t port_ = 0;
};

}  // namespace concur::net
