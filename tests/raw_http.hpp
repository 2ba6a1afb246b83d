// A deliberately crude HTTP client for the server tests: raw sockets, so a test can send any
// bytes at all (malformed, oversized, trickled, cut off by a reset), and read what comes back.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace concur::test {

/// One open TCP connection to 127.0.0.1 (or another loopback address).
class RawConnection {
 public:
  /// Connects (blocking, 5 s at most); throws std::runtime_error when it cannot.
  explicit RawConnection(std::uint16_t port, const std::string& address = "127.0.0.1");
  /// Closes it, if still open.
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  /// Sends all of `bytes`; false if the connection refused them.
  bool send(std::string_view bytes);
  /// Reads until the peer closes, `max_bytes` arrived, or `seconds` passed; returns what came.
  std::string read(double seconds, std::size_t max_bytes = std::size_t{1} << 30);
  /// Waits at most `seconds` for the peer to close (end of file or reset); true if it did.
  bool closed_within(double seconds);
  /// Closes with a reset (SO_LINGER 0) instead of an orderly close.
  void reset();
  /// The socket.
  [[nodiscard]] int fd() const { return fd_; }

 private:
  int fd_ = -1;
};

/// A response as the tests see it.
struct RawResponse {
  int status = 0;                              ///< 0 when no status line arrived
  std::map<std::string, std::string> headers;  ///< names lower-cased
  std::string body;                            ///< everything after the header
};

/// Splits what a connection returned into status, headers and body.
RawResponse parse_response(const std::string& bytes);

/// Sends `request` on a new connection to `port` and reads the whole response (the server closes).
RawResponse exchange(std::uint16_t port, std::string_view request, double seconds = 10);

/// "GET <path> HTTP/1.1" with a Host header and Connection: close.
std::string get_request(std::string_view path);

}  // namespace concur::test
