#include "net/response.hpp"

#include <algorithm>
#include <limits>

#include <fmt/format.h>
#include <boost/beast/core/buffers_range.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/optional.hpp>

#include "core/parse.hpp"
#include "net/item.hpp"

namespace concur::net {

namespace http = boost::beast::http;
namespace asio = boost::asio;

namespace {

// Bytes of a refused response's body kept to quote in the error ("404 Not Found: no such item").
constexpr std::size_t kQuoted = 160;

// A body that is never stored: each piece updates the digest and the count. The digest is made
// when the body begins, so a client waiting for its response holds none.
struct DigestBody {
  struct value_type {
    std::unique_ptr<BodyDigest> digest;
    std::uint64_t bytes = 0;
    std::string quoted;  // the start of a body that is not an item (status other than 200)
    bool quote = false;
  };

  class reader {
   public:
    // Made with the parser, before any header has arrived: the status is read at init().
    template <bool isRequest, class Fields>
    reader(http::header<isRequest, Fields>& header, value_type& body) : body_(body) {
      if constexpr (std::is_same_v<http::header<isRequest, Fields>, http::response_header<>>) header_ = &header;
    }

    void init(const boost::optional<std::uint64_t>&, boost::beast::error_code& ec) {
      ec = {};
      body_.quote = header_ == nullptr || header_->result_int() != 200;
      if (!body_.quote) body_.digest = std::make_unique<BodyDigest>();
    }

    template <class ConstBufferSequence>
    std::size_t put(const ConstBufferSequence& buffers, boost::beast::error_code& ec) {
      ec = {};
      std::size_t n = 0;
      for (const asio::const_buffer b : boost::beast::buffers_range_ref(buffers)) {
        const auto* data = static_cast<const std::byte*>(b.data());
        if (body_.digest) body_.digest->update({data, b.size()});
        if (body_.quote && body_.quoted.size() < kQuoted)
          body_.quoted.append(reinterpret_cast<const char*>(data), std::min(b.size(), kQuoted - body_.quoted.size()));
        n += b.size();
      }
      body_.bytes += n;
      return n;
    }

    void finish(boost::beast::error_code& ec) { ec = {}; }

   private:
    value_type& body_;
    const http::response_header<>* header_ = nullptr;
  };
};

}  // namespace

struct ResponseReader::Parser {
  http::response_parser<DigestBody> beast;
  std::string pending;  // an unfinished header: Beast wants the whole of it in one buffer
};

ResponseReader::ResponseReader(const FetchTarget& target, std::uint32_t item)
    : target_(target), item_(item), parser_(std::make_unique<Parser>()) {
  parser_->beast.body_limit(std::numeric_limits<std::uint64_t>::max());
  parser_->beast.eager(true);
}

ResponseReader::~ResponseReader() = default;

void ResponseReader::fail(const std::string& what) const {
  throw FetchError(target_.failed(fmt::format("item {} from {}: {}", item_, target_.authority, what)));
}

void ResponseReader::check_status() const {
  const auto& response = parser_->beast.get();
  if (response.result_int() == 200) return;
  // Wait for the body that says why, when there is one, so the message can quote it.
  if (!parser_->beast.is_done()) return;
  std::string why = response.body().quoted;
  while (!why.empty() && (why.back() == '\n' || why.back() == '\r')) why.pop_back();
  fail(fmt::format("the server answered {} {}{}", response.result_int(), std::string_view(response.reason()),
                   why.empty() ? "" : ": " + printable(why)));
}

void ResponseReader::put(std::span<const std::byte> bytes) {
  auto& parser = parser_->beast;
  std::string& pending = parser_->pending;
  // Bytes the parser cannot take yet (an unfinished header or chunk line) wait in `pending`;
  // in the common case (a body streaming in) nothing waits and the bytes go straight through.
  const auto text = [](std::span<const std::byte> b) {
    return std::string_view(reinterpret_cast<const char*>(b.data()), b.size());
  };
  if (!pending.empty()) {
    pending.append(text(bytes));
    bytes = std::as_bytes(std::span(pending.data(), pending.size()));
  }
  std::size_t offset = 0;
  while (offset < bytes.size() && !parser.is_done()) {
    boost::beast::error_code ec;
    const std::size_t used = parser.put(asio::const_buffer(bytes.data() + offset, bytes.size() - offset), ec);
    offset += used;
    if (ec == http::error::need_more) {
      if (used == 0) break;
      continue;
    }
    if (ec) fail(fmt::format("malformed response: {}", ec.message()));
    if (parser.is_header_done()) check_status();
  }
  if (parser.is_header_done()) check_status();
  const std::string rest = parser.is_done() ? std::string() : std::string(text(bytes.subspan(offset)));
  pending = rest;
  if (!parser.is_header_done() && pending.size() > std::size_t{64} * 1024) fail("the response's headers do not end");
}

void ResponseReader::put_eof() {
  auto& parser = parser_->beast;
  if (parser.is_done()) return;
  if (!parser.is_header_done())
    fail(parser_->pending.empty() ? "the server closed the connection without answering"
                                  : "the server closed the connection in the middle of the headers");
  boost::beast::error_code ec;
  parser.put_eof(ec);
  if (ec) {
    const auto expected = parser.content_length();
    fail(expected ? fmt::format("the server closed the connection after {} of {} body bytes",
                                format_count(static_cast<std::int64_t>(parser.get().body().bytes)),
                                format_count(static_cast<std::int64_t>(*expected)))
                  : fmt::format("the server closed the connection mid-response: {}", ec.message()));
  }
  check_status();
}

bool ResponseReader::done() const { return parser_->beast.is_done(); }

FetchResult ResponseReader::result() const {
  const auto& body = parser_->beast.get().body();
  return FetchResult{.bytes = body.bytes, .digest = body.digest ? body.digest->value() : BodyDigest().value()};
}

}  // namespace concur::net
