#include "net/target.hpp"

#include <arpa/inet.h>
#include <netdb.h>

#include <cstring>

#include <fmt/format.h>

#include "core/parse.hpp"
#include "core/usage_error.hpp"
#include "net/first_failure.hpp"

namespace concur::net {

std::string FetchTarget::path(std::uint32_t item) const {
  return fmt::format("/item/{}?size={}&latency={}", item, size, format_duration(latency));
}

std::string FetchTarget::request(std::uint32_t item) const {
  return fmt::format("GET {} HTTP/1.1\r\nHost: {}\r\nUser-Agent: concur-demo\r\nConnection: close\r\n\r\n", path(item),
                     authority);
}

std::string FetchTarget::source_for(std::size_t index) const {
  const auto source = static_cast<std::int64_t>(index) / kConnectionsPerSource;
  if (!spread_sources || source == 0) return {};
  // 127.0.0.2 … 127.0.0.254, then 127.0.1.1 …: every address of 127/8 is this machine.
  const std::int64_t n = source + 1;
  return fmt::format("127.0.{}.{}", n / 254, n % 254 + 1);
}

void FetchTarget::give_up_if_failed(std::uint32_t item) const {
  if (first_failure == nullptr) return;
  if (auto first = first_failure->first())
    throw FetchError(fmt::format("item {}: gave up after an earlier failure: {}", item, *first));
}

const std::string& FetchTarget::failed(const std::string& what) const {
  if (first_failure != nullptr) first_failure->record(what);
  return what;
}

FetchTarget resolve_target(const std::string& host, std::uint16_t port, std::uint64_t size,
                           std::chrono::nanoseconds latency, std::string_view flag) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_ADDRCONFIG;
  addrinfo* found = nullptr;
  const std::string service = std::to_string(port);
  if (const int rc = ::getaddrinfo(host.c_str(), service.c_str(), &hints, &found); rc != 0 || found == nullptr)
    throw UsageError(fmt::format("invalid {} '{}:{}': cannot resolve {}: {}", flag, printable(host), port,
                                 printable(host), rc != 0 ? ::gai_strerror(rc) : "no address"));
  FetchTarget target;
  std::memcpy(&target.address, found->ai_addr, found->ai_addrlen);
  target.address_length = found->ai_addrlen;
  ::freeaddrinfo(found);
  char text[INET6_ADDRSTRLEN] = {};
  if (target.address.ss_family == AF_INET) {
    const auto& v4 = reinterpret_cast<const sockaddr_in&>(target.address);
    ::inet_ntop(AF_INET, &v4.sin_addr, text, sizeof text);
    target.spread_sources = (ntohl(v4.sin_addr.s_addr) >> 24) == 127;
  } else {
    const auto& v6 = reinterpret_cast<const sockaddr_in6&>(target.address);
    ::inet_ntop(AF_INET6, &v6.sin6_addr, text, sizeof text);
  }
  target.ip = text;
  target.port = port;
  target.authority =
      host.find(':') != std::string::npos ? fmt::format("[{}]:{}", host, port) : fmt::format("{}:{}", host, port);
  target.size = size;
  target.latency = latency;
  return target;
}

}  // namespace concur::net
