#include "fake_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <regex>
#include <stdexcept>
#include <string>

namespace concur::test {

FakeServer::FakeServer(Misbehaviour how) : how_(how) {
  listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in at{};
  at.sin_family = AF_INET;
  at.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof at;
  if (::bind(listener_, reinterpret_cast<sockaddr*>(&at), sizeof at) != 0 || ::listen(listener_, 1024) != 0 ||
      ::getsockname(listener_, reinterpret_cast<sockaddr*>(&at), &len) != 0)
    throw std::runtime_error("the fake server cannot listen");
  port_ = ntohs(at.sin_port);
  thread_ = std::thread([this] { serve(); });
}

FakeServer::~FakeServer() {
  stop_ = true;
  thread_.join();
  for (const int fd : kept_) ::close(fd);
  ::close(listener_);
}

void FakeServer::serve() {
  while (!stop_) {
    pollfd p{.fd = listener_, .events = POLLIN, .revents = 0};
    if (::poll(&p, 1, 50) <= 0) continue;
    const int fd = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    ++accepted_;
    answer(fd);
  }
}

void FakeServer::answer(int fd) {
  std::string request;
  char chunk[4096];
  while (request.find("\r\n\r\n") == std::string::npos) {
    pollfd p{.fd = fd, .events = POLLIN, .revents = 0};
    if (::poll(&p, 1, 2000) <= 0) break;
    const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) break;
    request.append(chunk, static_cast<std::size_t>(n));
  }
  std::smatch m;
  const std::size_t size =
      std::regex_search(request, m, std::regex(R"(size=(\d+))")) ? std::stoul(m[1]) : std::size_t{100};
  const auto send_text = [fd](const std::string& text) { (void)::send(fd, text.data(), text.size(), MSG_NOSIGNAL); };
  const std::string ok = "HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(size) + "\r\nConnection: close\r\n\r\n";
  switch (how_) {
    case Misbehaviour::wrong_body:
      send_text(ok + std::string(size, '\0'));
      break;
    case Misbehaviour::not_found:
      send_text("HTTP/1.1 404 Not Found\r\nContent-Length: 12\r\nConnection: close\r\n\r\nnot here :-(");
      break;
    case Misbehaviour::reset: {
      const linger hard{.l_onoff = 1, .l_linger = 0};
      ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
      break;
    }
    case Misbehaviour::truncated:
      send_text(ok + std::string(size / 2, 'x'));
      break;
    case Misbehaviour::silent:
      kept_.push_back(fd);
      return;
  }
  ::shutdown(fd, SHUT_WR);
  ::close(fd);
}

}  // namespace concur::test
