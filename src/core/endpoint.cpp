#include "core/endpoint.hpp"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "core/parse.hpp"

namespace concur {

Endpoint parse_endpoint(std::string_view text, std::string_view flag) {
  const auto bad = [&](std::string_view why) {
    return ParseError(fmt::format("invalid {} '{}': {} (give HOST:PORT, such as teacher-host:8080 or 10.0.0.5:8080)",
                                  flag, printable(text), why));
  };
  std::string_view rest = text;
  if (rest.substr(0, 7) == "http://") rest.remove_prefix(7);
  if (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  if (rest.empty()) throw bad("no host");
  Endpoint out;
  std::string_view port;
  if (rest.front() == '[') {
    const auto close = rest.find(']');
    if (close == std::string_view::npos) throw bad("an IPv6 address needs its closing ']'");
    out.host = std::string(rest.substr(1, close - 1));
    if (rest.substr(close + 1, 1) != ":") throw bad("no port after the address");
    port = rest.substr(close + 2);
  } else {
    const auto colon = rest.rfind(':');
    if (colon == std::string_view::npos) throw bad("no port");
    if (rest.find(':') != colon) throw bad("an IPv6 address goes in brackets, as [::1]:8080");
    out.host = std::string(rest.substr(0, colon));
    port = rest.substr(colon + 1);
  }
  if (out.host.empty()) throw bad("no host");
  const bool host_ok = std::all_of(out.host.begin(), out.host.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
           c == ':' || c == '_' || c == '%';
  });
  if (!host_ok || out.host.size() > 253) throw bad("the host is not a name or an address");
  unsigned value = 0;
  const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
  if (port.empty() || ec != std::errc() || end != port.data() + port.size() || value < 1 || value > 65535)
    throw bad("the port must be a number from 1 to 65535");
  out.port = static_cast<std::uint16_t>(value);
  return out;
}

std::string format_endpoint(const Endpoint& endpoint) {
  return endpoint.host.find(':') != std::string::npos ? fmt::format("[{}]:{}", endpoint.host, endpoint.port)
                                                      : fmt::format("{}:{}", endpoint.host, endpoint.port);
}

}  // namespace concur
