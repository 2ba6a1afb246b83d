// What a client makes of the bytes a server sends back for one item: Beast's HTTP/1.1 parser
// reads the status line and headers, and the body goes straight into a digest, piece by piece,
// so no client holds a whole body. Every client form (blocking, coroutine, fiber) reads through
// it, so all of them accept and refuse exactly the same responses.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "net/target.hpp"

namespace concur::net {

/// Reads one response, as its bytes arrive.
class ResponseReader {
 public:
  /// A reader for the response to `target`'s request for `item` (named in errors).
  ResponseReader(const FetchTarget& target, std::uint32_t item);
  ~ResponseReader();
  ResponseReader(const ResponseReader&) = delete;
  ResponseReader& operator=(const ResponseReader&) = delete;

  /// Feeds the next bytes; throws FetchError for a malformed response or a status other than 200.
  void put(std::span<const std::byte> bytes);
  /// The server closed the connection: completes a response whose end is the close, or throws
  /// FetchError naming how much of the response had arrived.
  void put_eof();
  /// Whether the whole response has arrived.
  [[nodiscard]] bool done() const;
  /// The body's length and digest; valid once done().
  [[nodiscard]] FetchResult result() const;

 private:
  struct Parser;  // Beast's parser and the digest, kept out of this header
  [[noreturn]] void fail(const std::string& what) const;
  void check_status() const;

  const FetchTarget& target_;
  std::uint32_t item_;
  std::unique_ptr<Parser> parser_;
};

}  // namespace concur::net
