// What the server makes of the bytes a client sends: either a request for an item it will
// answer, or a refusal with the status that says why. Beast's HTTP/1.1 parser reads the request
// line and headers; the rules of `GET /item/<i>?size=<bytes>&latency=<duration>` are checked
// here. The same reader serves the server and the fuzzer, so what the fuzzer finds is the
// server's code, not a copy of it.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>

namespace concur::net {

/// The caps on what one request may ask and carry.
struct RequestLimits {
  std::size_t max_header_bytes = 8 * std::size_t{1024};                       ///< request line + headers, at most
  std::uint64_t max_size = std::uint64_t{1} << 30;                            ///< largest body a request may ask for
  std::chrono::nanoseconds max_latency = std::chrono::seconds(60);            ///< longest latency a request may ask for
  std::chrono::nanoseconds default_latency = std::chrono::milliseconds(100);  ///< when the request names none
  std::uint64_t default_size = 64 * std::uint64_t{1024};                      ///< when the request names none
};

/// A request the server answers with an item.
struct ItemRequest {
  std::uint64_t item = 0;               ///< i of /item/<i>
  std::uint64_t size = 0;               ///< body bytes asked for
  std::chrono::nanoseconds latency{0};  ///< how long to wait before answering
  bool head = false;                    ///< HEAD: the headers only
  bool keep_alive = false;              ///< the connection stays open for another request
  unsigned version = 11;                ///< 10 for HTTP/1.0, 11 for HTTP/1.1
};

/// A request the server refuses, and closes the connection after answering.
struct Refusal {
  unsigned status = 400;  ///< the 4xx or 5xx status
  std::string reason;     ///< one line for the response body
};

/// Reads one request from the bytes of a connection, as they arrive.
class RequestReader {
 public:
  /// What the reader has made of the bytes so far.
  enum class State {
    reading,  ///< the request line and headers are not complete yet
    ready,    ///< request() is a request to answer
    refused,  ///< refusal() says why not
  };

  /// A reader for one request under `limits`.
  explicit RequestReader(const RequestLimits& limits);
  ~RequestReader();
  RequestReader(const RequestReader&) = delete;
  RequestReader& operator=(const RequestReader&) = delete;

  /// Feeds the next bytes of the connection; returns how many of them this request took. Bytes
  /// it did not take (a pipelined next request) belong to the next reader. Once the state is no
  /// longer `reading`, takes nothing.
  std::size_t put(std::span<const std::byte> bytes);
  /// Where the reader stands.
  [[nodiscard]] State state() const { return state_; }
  /// Whether any byte of this request has arrived (the header timeout runs from the first).
  [[nodiscard]] bool started() const;
  /// The request to answer; valid once state() is `ready`.
  [[nodiscard]] const ItemRequest& request() const { return request_; }
  /// Why it is refused; valid once state() is `refused`.
  [[nodiscard]] const Refusal& refusal() const { return refusal_; }

 private:
  struct Parser;  // Beast's parser, kept out of this header
  void judge_header();
  void refuse(unsigned status, std::string reason);

  RequestLimits limits_;
  std::unique_ptr<Parser> parser_;
  State state_ = State::reading;
  std::size_t received_ = 0;  // bytes of this request taken so far
  ItemRequest request_;
  Refusal refusal_;
};

/// The standard reason phrase of an HTTP status ("Not Found").
std::string_view status_phrase(unsigned status);

}  // namespace concur::net
