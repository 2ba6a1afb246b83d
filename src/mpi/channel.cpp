#include "mpi/channel.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <stdexcept>

#include <fmt/format.h>

#include "mpi/frames.hpp"

namespace concur {
namespace {

constexpr std::size_t kTokenBytes = 16;

std::string random_token() {
  std::array<unsigned char, kTokenBytes> raw{};
  std::size_t got = 0;
  while (got < raw.size()) {
    const ssize_t n = ::getrandom(raw.data() + got, raw.size() - got, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw std::runtime_error(fmt::format("getrandom failed: {}", std::strerror(errno)));
    got += static_cast<std::size_t>(n);
  }
  std::string hex;
  for (const unsigned char c : raw) hex += fmt::format("{:02x}", c);
  return hex;
}

[[noreturn]] void fail(std::string_view what) {
  throw std::runtime_error(fmt::format("{} failed: {}", what, std::strerror(errno)));
}

std::string address_text(const sockaddr* address) {
  std::array<char, INET6_ADDRSTRLEN> text{};
  if (address->sa_family == AF_INET) {
    ::inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(address)->sin_addr, text.data(), text.size());
    return text.data();
  }
  ::inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(address)->sin6_addr, text.data(), text.size());
  return fmt::format("[{}]", text.data());
}

// Every address of this machine another host might reach it by: IPv4 first, then global
// IPv6; loopback last, for a rank 0 that runs here after all.
std::vector<std::string> own_addresses() {
  std::vector<std::string> v4, v6;
  ifaddrs* list = nullptr;
  if (::getifaddrs(&list) == 0) {
    for (const ifaddrs* i = list; i != nullptr; i = i->ifa_next) {
      if (i->ifa_addr == nullptr || (i->ifa_flags & IFF_UP) == 0 || (i->ifa_flags & IFF_LOOPBACK) != 0) continue;
      if (i->ifa_addr->sa_family == AF_INET) v4.push_back(address_text(i->ifa_addr));
      const auto* six = reinterpret_cast<const sockaddr_in6*>(i->ifa_addr);
      if (i->ifa_addr->sa_family == AF_INET6 && !IN6_IS_ADDR_LINKLOCAL(&six->sin6_addr))
        v6.push_back(address_text(i->ifa_addr));
    }
    ::freeifaddrs(list);
  }
  v4.insert(v4.end(), v6.begin(), v6.end());
  v4.emplace_back("127.0.0.1");
  return v4;
}

// Listens on every address: dual-stack IPv6 where the machine has it, else IPv4 alone.
int listen_everywhere(int& port) {
  int fd = ::socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd >= 0) {
    const int no = 0;
    ::setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &no, sizeof no);
    sockaddr_in6 any{};
    any.sin6_family = AF_INET6;
    any.sin6_addr = in6addr_any;
    if (::bind(fd, reinterpret_cast<const sockaddr*>(&any), sizeof any) == 0) {
      socklen_t length = sizeof any;
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&any), &length);
      port = ntohs(any.sin6_port);
      return fd;
    }
    ::close(fd);
  }
  fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0) fail("socket");
  sockaddr_in any{};
  any.sin_family = AF_INET;
  any.sin_addr.s_addr = htonl(INADDR_ANY);
  if (::bind(fd, reinterpret_cast<const sockaddr*>(&any), sizeof any) != 0) {
    const int err = errno;
    ::close(fd);
    errno = err;
    fail("bind");
  }
  socklen_t length = sizeof any;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&any), &length);
  port = ntohs(any.sin_port);
  return fd;
}

int listen_on_loopback(int& port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0) fail("socket");
  sockaddr_in loopback{};
  loopback.sin_family = AF_INET;
  loopback.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(fd, reinterpret_cast<const sockaddr*>(&loopback), sizeof loopback) != 0) {
    const int err = errno;
    ::close(fd);
    errno = err;
    fail("bind");
  }
  socklen_t length = sizeof loopback;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&loopback), &length);
  port = ntohs(loopback.sin_port);
  return fd;
}

// Connects to "host:port" or "[v6]:port" within `timeout`; -1 with `why` set when it cannot.
int connect_to(const std::string& address, std::chrono::milliseconds timeout, std::string& why) {
  const auto colon = address.rfind(':');
  if (colon == std::string::npos) {
    why = "not an address";
    return -1;
  }
  std::string host = address.substr(0, colon);
  if (host.size() > 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
  const std::string port = address.substr(colon + 1);
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  if (const int rc = ::getaddrinfo(host.c_str(), port.c_str(), &hints, &found); rc != 0) {
    why = ::gai_strerror(rc);
    return -1;
  }
  const int fd = ::socket(found->ai_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  int rc = fd < 0 ? -1 : ::connect(fd, found->ai_addr, found->ai_addrlen);
  ::freeaddrinfo(found);
  if (fd < 0) {
    why = std::strerror(errno);
    return -1;
  }
  if (rc != 0 && errno == EINPROGRESS) {
    if (!wait_for(fd, POLLOUT, static_cast<int>(timeout.count()))) {
      why = "no answer";
      ::close(fd);
      return -1;
    }
    int error = 0;
    socklen_t length = sizeof error;
    ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length);
    rc = error == 0 ? 0 : -1;
    errno = error;
  }
  if (rc != 0) {
    why = std::strerror(errno);
    ::close(fd);
    return -1;
  }
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  return fd;
}

}  // namespace

ChannelListener::ChannelListener(bool this_machine_only) : token_(random_token()) {
  int port = 0;
  fd_ = this_machine_only ? listen_on_loopback(port) : listen_everywhere(port);
  if (::listen(fd_, 4) != 0) {
    const int err = errno;
    ::close(fd_);
    errno = err;
    fail("listen");
  }
  const std::vector<std::string> addresses =
      this_machine_only ? std::vector<std::string>{"127.0.0.1"} : own_addresses();
  rendezvous_ = token_ + "@";
  for (std::size_t i = 0; i < addresses.size(); ++i)
    rendezvous_ += fmt::format("{}{}:{}", i == 0 ? "" : ",", addresses[i], port);
}

ChannelListener::~ChannelListener() { close(); }

void ChannelListener::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

bool ChannelListener::accepts(std::span<const std::byte> hello) const {
  return hello.size() == token_.size() && std::memcmp(hello.data(), token_.data(), token_.size()) == 0;
}

int connect_back(std::string_view rendezvous, std::chrono::milliseconds per_address) {
  const auto at = rendezvous.find('@');
  if (at == std::string_view::npos) throw std::runtime_error(fmt::format("{} is malformed", kChannelVariable));
  const std::string token(rendezvous.substr(0, at));
  std::string_view rest = rendezvous.substr(at + 1);
  std::vector<std::string> tried;
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    const std::string address(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    std::string why;
    const int fd = connect_to(address, per_address, why);
    if (fd >= 0 && send_frame(fd, std::as_bytes(std::span(token)))) return fd;
    if (fd >= 0) {
      why = std::strerror(errno);
      ::close(fd);
    }
    tried.push_back(fmt::format("{} ({})", address, why));
  }
  throw std::runtime_error(
      fmt::format("cannot reach the measuring process at {}", fmt::join(tried.begin(), tried.end(), ", ")));
}

}  // namespace concur
