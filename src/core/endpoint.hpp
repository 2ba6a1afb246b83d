// "HOST:PORT" as users type it for --server: a name, an IPv4 address or a bracketed IPv6
// address, then a port. Checked when the command line is read, so a malformed address is one
// line and exit 2 before anything starts; the name is resolved later, by whoever connects.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace concur {

/// A server's host and port, as given.
struct Endpoint {
  std::string host;        ///< a name or an address; an IPv6 address without its brackets
  std::uint16_t port = 0;  ///< 1–65535
};

/// Parses "HOST:PORT" ("teacher-host:8080", "10.0.0.5:8080", "[::1]:8080"; a leading http:// and a
/// trailing / are allowed, as pasted from a browser); throws ParseError naming `flag` otherwise.
Endpoint parse_endpoint(std::string_view text, std::string_view flag);

/// "host:port", with brackets around an IPv6 address: what parse_endpoint reads back.
std::string format_endpoint(const Endpoint& endpoint);

}  // namespace concur
