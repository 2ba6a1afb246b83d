#include "net/client_socket.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>
#include <string>

#include <fmt/format.h>

#include "core/parse.hpp"

namespace concur::net {

void bind_source(int fd, const FetchTarget& target, std::uint32_t item, std::size_t index) {
  const std::string source = target.source_for(index);
  if (source.empty()) return;
  const int on = 1;
  ::setsockopt(fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &on, sizeof on);
  sockaddr_in from{};
  from.sin_family = AF_INET;
  ::inet_pton(AF_INET, source.c_str(), &from.sin_addr);
  if (::bind(fd, reinterpret_cast<const sockaddr*>(&from), sizeof from) != 0)
    throw step_failed(target, item, fmt::format("cannot bind {} to reach", source), std::strerror(errno));
}

FetchError step_failed(const FetchTarget& target, std::uint32_t item, std::string_view step, std::string_view why) {
  return FetchError(target.failed(fmt::format("item {}: {} {}: {}", item, step, target.authority, why)));
}

FetchError step_timed_out(const FetchTarget& target, std::uint32_t item, std::string_view step) {
  return FetchError(target.failed(fmt::format("item {}: {} {} within the timeout", item, step, target.authority)));
}

FetchError connect_timed_out(const FetchTarget& target, std::uint32_t item) {
  return FetchError(target.failed(fmt::format("item {}: no connection to {} within {}", item, target.authority,
                                              format_duration(target.connect_timeout))));
}

FetchError answer_timed_out(const FetchTarget& target, std::uint32_t item) {
  return FetchError(target.failed(fmt::format("item {}: no answer from {} within {}", item, target.authority,
                                              format_duration(target.read_timeout()))));
}

void read_available(int fd, std::span<std::byte> buffer, ResponseReader& reader, const FetchTarget& target,
                    std::uint32_t item) {
  // recv with MSG_DONTWAIT, not Asio's read_some: that one waits (poll) on a socket not marked
  // non-blocking, and marking it costs a system call per fetch.
  while (!reader.done()) {
    const ssize_t n = ::recv(fd, buffer.data(), buffer.size(), MSG_DONTWAIT);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
    if (n < 0) throw step_failed(target, item, step::answer, std::strerror(errno));
    if (n == 0) {
      reader.put_eof();
      return;
    }
    reader.put(buffer.first(static_cast<std::size_t>(n)));
  }
}

}  // namespace concur::net
