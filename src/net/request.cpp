#include "net/request.hpp"

#include <algorithm>
#include <charconv>
#include <optional>
#include <string_view>

#include <fmt/format.h>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/status.hpp>

#include "core/parse.hpp"

namespace concur::net {

namespace http = boost::beast::http;

// Beast's parser wants the whole header in one contiguous buffer, so the bytes of an unfinished
// header are kept here until it is complete; never more than the header limit and one byte.
struct RequestReader::Parser {
  http::request_parser<http::empty_body> beast;
  std::string pending;
};

namespace {

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Whole request targets are sent by proxies ("http://host/item/3"); a server must take them.
std::string_view path_of(std::string_view target) {
  for (const std::string_view scheme : {"http://", "HTTP://"})
    if (target.substr(0, scheme.size()) == scheme) {
      const auto slash = target.find('/', scheme.size());
      return slash == std::string_view::npos ? std::string_view("/") : target.substr(slash);
    }
  return target;
}

// Beast refuses any version but 1.x as malformed; a well-formed other version ("HTTP/2.0") is a
// version this server does not speak (505), not a malformed request (400).
bool names_a_version(std::string_view bytes) {
  const std::string_view line = bytes.substr(0, bytes.find("\r\n"));
  if (line.size() < 9) return false;
  const std::string_view v = line.substr(line.size() - 8);
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  return v.substr(0, 5) == "HTTP/" && digit(v[5]) && v[6] == '.' && digit(v[7]) && line[line.size() - 9] == ' ';
}

constexpr std::string_view kUsage =
    "GET /item/<i>?size=<bytes>&latency=<duration>, e.g. /item/7?size=64KiB&latency=100ms";

// Reads `query`'s size and latency into `out`; a refusal for anything else, a repeated or
// malformed parameter, or a value above the server's caps.
std::optional<Refusal> read_query(std::string_view query, const RequestLimits& limits, ItemRequest& out) {
  bool seen_size = false, seen_latency = false;
  std::string_view rest = query;
  while (!rest.empty()) {
    const auto amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    const std::string_view key = pair.substr(0, eq);
    const std::string_view value = eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
    bool& seen = key == "size" ? seen_size : seen_latency;
    if (key != "size" && key != "latency")
      return Refusal{400, fmt::format("unknown parameter '{}': only size and latency", printable(key))};
    if (seen) return Refusal{400, fmt::format("parameter {} is given twice", key)};
    seen = true;
    try {
      if (key == "size") {
        out.size = value == "0" ? 0 : parse_size(value);
        if (out.size > limits.max_size)
          return Refusal{400, fmt::format("size {} is above this server's cap of {}", printable(value),
                                          format_size(limits.max_size))};
      } else {
        out.latency = parse_duration(value);
        if (out.latency > limits.max_latency)
          return Refusal{400, fmt::format("latency {} is above this server's cap of {}", printable(value),
                                          format_duration(limits.max_latency))};
      }
    } catch (const ParseError& e) {
      return Refusal{400, e.what()};
    }
  }
  return std::nullopt;
}

}  // namespace

RequestReader::RequestReader(const RequestLimits& limits) : limits_(limits), parser_(std::make_unique<Parser>()) {
  parser_->beast.header_limit(static_cast<std::uint32_t>(limits_.max_header_bytes));
  parser_->beast.eager(false);  // stop after the header: a body is refused, never read
}

RequestReader::~RequestReader() = default;

bool RequestReader::started() const { return received_ > 0; }

void RequestReader::refuse(unsigned status, std::string reason) {
  state_ = State::refused;
  refusal_ = Refusal{.status = status, .reason = std::move(reason)};
}

std::size_t RequestReader::put(std::span<const std::byte> bytes) {
  if (state_ != State::reading || bytes.empty()) return 0;
  std::string& pending = parser_->pending;
  // One byte past the limit is enough to know the limit is passed; more would only cost memory.
  const std::size_t room = limits_.max_header_bytes + 1 - std::min(received_, limits_.max_header_bytes + 1);
  const std::size_t taken = std::min(room, bytes.size());
  pending.append(reinterpret_cast<const char*>(bytes.data()), taken);
  received_ += taken;
  const auto too_long = [this] {
    refuse(431, fmt::format("the request line and headers exceed {} bytes", limits_.max_header_bytes));
  };
  boost::beast::error_code ec;
  const std::size_t used = parser_->beast.put(boost::asio::const_buffer(pending.data(), pending.size()), ec);
  if (ec == http::error::need_more) {
    pending.erase(0, used);  // what the parser took it keeps; the rest comes again with more
    if (received_ > limits_.max_header_bytes) too_long();
    return taken;
  }
  if (ec == http::error::header_limit) {
    too_long();
    return taken;
  }
  if (ec == http::error::bad_version && names_a_version(pending)) {
    refuse(505, "only HTTP/1.0 and HTTP/1.1 are spoken here");
    return taken;
  }
  if (ec) {
    refuse(400, fmt::format("malformed request: {}", ec.message()));
    return taken;
  }
  if (!parser_->beast.is_header_done()) {
    refuse(400, "malformed request");
    return taken;
  }
  judge_header();
  // The bytes after this header were not this request's: give them back.
  const std::size_t unused = pending.size() - used;
  pending.clear();
  return taken - std::min(taken, unused);
}

void RequestReader::judge_header() {
  const auto& req = parser_->beast.get();
  const unsigned version = req.version();
  if (version != 10 && version != 11) return refuse(505, "only HTTP/1.0 and HTTP/1.1 are spoken here");
  const bool head = req.method() == http::verb::head;
  if (req.method() != http::verb::get && !head)
    return refuse(405,
                  fmt::format("method {} is not allowed: only GET and HEAD", std::string_view(req.method_string())));
  if (parser_->beast.chunked() || parser_->beast.content_length().value_or(0) > 0)
    return refuse(413, "a request here carries no body");
  if (version == 11 && req.find(http::field::host) == req.end())
    return refuse(400, "an HTTP/1.1 request must name its Host");

  const std::string_view target = path_of(std::string_view(req.target()));
  const auto question = target.find('?');
  const std::string_view path = target.substr(0, question);
  const std::string_view query = question == std::string_view::npos ? std::string_view() : target.substr(question + 1);
  constexpr std::string_view kPrefix = "/item/";
  const std::string_view index = path.substr(0, kPrefix.size()) == kPrefix ? path.substr(kPrefix.size()) : "";
  std::uint64_t item = 0;
  if (!all_digits(index) || index.size() > 10 ||
      std::from_chars(index.data(), index.data() + index.size(), item).ec != std::errc() || item > 0xFFFFFFFFull)
    return refuse(404, fmt::format("no such item; ask for {}", kUsage));

  ItemRequest out{.item = item,
                  .size = limits_.default_size,
                  .latency = limits_.default_latency,
                  .head = head,
                  .keep_alive = parser_->beast.keep_alive(),
                  .version = version};
  if (std::optional<Refusal> no = read_query(query, limits_, out)) return refuse(no->status, std::move(no->reason));
  state_ = State::ready;
  request_ = out;
}

std::string_view status_phrase(unsigned status) {
  const auto phrase = http::obsolete_reason(http::int_to_status(status));
  return {phrase.data(), phrase.size()};
}

}  // namespace concur::net
