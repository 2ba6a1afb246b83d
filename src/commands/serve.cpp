#include "commands/serve.hpp"

#include <ifaddrs.h>
#include <net/if.h>
#include <netdb.h>
#include <sys/socket.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "commands/delivery.hpp"
#include "core/bytes_text.hpp"
#include "core/parse.hpp"
#include "core/usage_error.hpp"
#include "net/server.hpp"
#include "options/binding.hpp"
#include "report/terminal_text.hpp"

namespace concur {
namespace {

bool is_loopback(const std::string& address) {
  return address.rfind("127.", 0) == 0 || address == "::1" || address == "localhost";
}

bool is_any(const std::string& address) { return address == "0.0.0.0" || address == "::"; }

// The addresses other machines may reach this one at, for a server bound to every interface.
std::vector<std::string> reachable_addresses(bool ipv6_too) {
  std::vector<std::string> found;
  ifaddrs* list = nullptr;
  if (::getifaddrs(&list) != 0) return found;
  for (const ifaddrs* a = list; a != nullptr; a = a->ifa_next) {
    if (a->ifa_addr == nullptr || (a->ifa_flags & IFF_LOOPBACK) != 0 || (a->ifa_flags & IFF_UP) == 0) continue;
    const int family = a->ifa_addr->sa_family;
    if (family != AF_INET && !(ipv6_too && family == AF_INET6)) continue;
    char host[NI_MAXHOST] = {};
    const socklen_t len = family == AF_INET ? sizeof(sockaddr_in) : sizeof(sockaddr_in6);
    if (::getnameinfo(a->ifa_addr, len, host, sizeof host, nullptr, 0, NI_NUMERICHOST) != 0) continue;
    const std::string text(host);
    if (text.rfind("fe80", 0) == 0) continue;  // link-local: not what a student types
    found.push_back(family == AF_INET6 ? fmt::format("[{}]", text) : text);
  }
  ::freeifaddrs(list);
  return found;
}

std::string url_host(const std::string& address) {
  return address.find(':') != std::string::npos ? fmt::format("[{}]", address) : address;
}

// What the teacher sees first: where it listens, who can reach it, how to try it, its limits.
void print_banner(const net::ServerOptions& o, const std::string& address, std::uint16_t port, std::int64_t cap) {
  const std::string where = fmt::format("http://{}:{}", url_host(address), port);
  if (is_loopback(address)) {
    fmt::print("concur-demo serve: listening on {} (this machine only;\n  --bind 0.0.0.0 lets other machines in)\n",
               where);
  } else {
    fmt::print(
        "concur-demo serve: listening on {}, beyond this machine: every host that\n"
        "  can reach it may connect\n",
        where);
    if (is_any(address))
      for (const std::string& a : reachable_addresses(address == "::"))
        fmt::print("  reachable as http://{}:{}\n", a, port);
  }
  const std::string example = is_any(address) ? "127.0.0.1" : url_host(address);
  fmt::print(
      "  try:      curl -so /dev/null -w '%{{http_code}} %{{size_download}}\\n' \\\n"
      "              'http://{}:{}/item/7?size=64KiB&latency={}'\n",
      example, port, format_duration(o.request.default_latency));
  fmt::print("  students: concur-demo net --server {}:{}\n",
             is_loopback(address) || is_any(address) ? "<this machine's name or address>" : url_host(address), port);
  // Wrapped to the terminal: a projector's 80 columns must not break a word in two.
  const std::string limits = fmt::format(
      "{} connections, request line + headers {} bytes, no request body, size ≤ {}, latency ≤ {}, idle {}, "
      "headers within {}, writes within {}",
      format_count(cap), o.request.max_header_bytes, format_size(o.request.max_size),
      format_duration(o.request.max_latency), format_duration(o.idle_timeout), format_duration(o.header_timeout),
      format_duration(o.write_timeout));
  fmt::print("{}", hanging_paragraph("  limits:   ", limits, report_width(false)));
  fmt::print("  Ctrl-C stops it; a line a second shows connections open, requests and bytes.\n");
  std::fflush(stdout);
}

std::string elapsed_text(std::chrono::steady_clock::duration d) {
  const auto s = std::chrono::duration_cast<std::chrono::seconds>(d).count();
  if (s < 60) return fmt::format("{} s", s);
  if (s < 3600) return fmt::format("{} min {} s", s / 60, s % 60);
  return fmt::format("{} h {} min", s / 3600, s / 60 % 60);
}

int run_serve(const net::ServerOptions& options) {
  // A reader that goes away (a closed pipe) must not kill the server mid-write: the write
  // fails and the server goes on serving.
  std::signal(SIGPIPE, SIG_IGN);
  const auto started = std::chrono::steady_clock::now();
  const net::ServerTotals totals = net::run_server(options, [&options](const std::string& address, std::uint16_t port) {
    print_banner(options, address, port,
                 options.max_connections > 0 ? options.max_connections : net::default_max_connections());
  });
  fmt::print("stopped after {}: {} requests served, {} refused, {} connections, {} sent\n",
             elapsed_text(std::chrono::steady_clock::now() - started),
             format_count(static_cast<std::int64_t>(totals.requests)),
             format_count(static_cast<std::int64_t>(totals.refused)),
             format_count(static_cast<std::int64_t>(totals.connections)), format_bytes(totals.bytes_sent));
  std::fflush(stdout);
  return 0;
}

net::ServerOptions server_options(const Settings& s) {
  if (s.serve.idle_timeout.count() <= 0)
    throw UsageError("invalid --idle-timeout '0s': a connection needs time to ask");
  if (s.serve.header_timeout.count() <= 0)
    throw UsageError("invalid --header-timeout '0s': a request needs time to arrive");
  net::ServerOptions o;
  o.bind = s.serve.bind;
  o.port = static_cast<std::uint16_t>(s.serve.port);
  o.max_connections = s.serve.max_connections;
  o.idle_timeout = s.serve.idle_timeout;
  o.header_timeout = s.serve.header_timeout;
  o.request.default_latency = s.scenario.latency.value_or(std::chrono::milliseconds(100));
  if (o.request.default_latency > o.request.max_latency)
    throw UsageError(fmt::format("invalid --latency '{}': at most {}", format_duration(o.request.default_latency),
                                 format_duration(o.request.max_latency)));
  o.status_lines = true;
  return o;
}

}  // namespace

void add_serve_command(CommandLine& line, Action& action, unsigned /*cores*/) {
  Command sub = line.add("serve", "run the net scenario's HTTP server on its own, for a classroom (Ctrl-C stops it)");
  auto binding = std::make_shared<OptionBinding>(sub.cli(), kServeCommand, std::span<const ScenarioInfo* const>());
  sub.footer(
      "Answers GET /item/<i>?size=<bytes>&latency=<duration> after waiting latency, with size bytes\n"
      "that are a fixed function of i (so every client can check them).\n\n"
      "Examples:\n"
      "  concur-demo serve --port 8080 --latency 100ms\n"
      "  concur-demo serve --bind 0.0.0.0 --port 8080        (students: concur-demo net --server HOST:8080)");
  sub.on_chosen([&action, binding] {
    const net::ServerOptions options = server_options(binding->settings({}));
    action = [options] { return run_serve(options); };
  });
}

}  // namespace concur
