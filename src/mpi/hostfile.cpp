#include "mpi/hostfile.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <sstream>

#include <fmt/format.h>

#include "core/parse.hpp"
#include "core/usage_error.hpp"

namespace concur {
namespace {

// A hostfile line longer than this is not a hostfile: refuse it rather than print it.
constexpr std::size_t kMaxLine = 1024;
// Far more slots than one machine has cores; a typo (slots=20000000) must not become a launch.
constexpr unsigned kMaxSlots = 4096;
// A hostfile of a few thousand hosts is a few hundred KiB.
constexpr std::size_t kMaxFile = 1 << 20;
constexpr std::string_view kSyntax = "a line is: host [slots=N] [max_slots=N]";

UsageError bad_line(const std::string& path, std::size_t line, std::string_view why) {
  return UsageError(fmt::format("invalid --hosts '{}': line {}: {} ({})", printable(path), line, why, kSyntax));
}

bool valid_host_name(std::string_view name) {
  // Names, IPv4 and IPv6 addresses, and Open MPI's user@host form.
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || std::strchr(".-_:@[]", c) != nullptr;
  });
}

unsigned parse_slots(const std::string& path, std::size_t line, std::string_view key, std::string_view value) {
  unsigned n = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (error != std::errc() || end != value.data() + value.size() || n == 0 || n > kMaxSlots)
    throw bad_line(path, line, fmt::format("{}={} is not a count from 1 to {}", key, printable(value), kMaxSlots));
  return n;
}

std::string host_part(std::string_view host) {
  const auto at = host.find('@');
  std::string name(at == std::string_view::npos ? host : host.substr(at + 1));
  if (name.size() > 2 && name.front() == '[' && name.back() == ']') name = name.substr(1, name.size() - 2);
  return name;
}

bool is_own_address(const std::string& host) {
  in6_addr v6{};
  in_addr v4{};
  const bool is_v4 = ::inet_pton(AF_INET, host.c_str(), &v4) == 1;
  const bool is_v6 = !is_v4 && ::inet_pton(AF_INET6, host.c_str(), &v6) == 1;
  // Only an address an interface really has, as mpirun decides: 127.0.0.2 reaches this machine,
  // but mpirun takes it for another host and starts a daemon there through ssh.
  if (!is_v4 && !is_v6) return false;
  ifaddrs* list = nullptr;
  if (::getifaddrs(&list) != 0) return false;
  bool found = false;
  for (const ifaddrs* i = list; i != nullptr && !found; i = i->ifa_next) {
    if (i->ifa_addr == nullptr) continue;
    if (is_v4 && i->ifa_addr->sa_family == AF_INET)
      found = reinterpret_cast<const sockaddr_in*>(i->ifa_addr)->sin_addr.s_addr == v4.s_addr;
    if (is_v6 && i->ifa_addr->sa_family == AF_INET6)
      found = std::memcmp(&reinterpret_cast<const sockaddr_in6*>(i->ifa_addr)->sin6_addr, &v6, sizeof v6) == 0;
  }
  ::freeifaddrs(list);
  return found;
}

std::string before_dot(std::string_view name) { return std::string(name.substr(0, name.find('.'))); }

}  // namespace

bool is_this_machine(std::string_view host) {
  const std::string name = host_part(host);
  if (name == "localhost" || name == "localhost.localdomain" || name == "ip6-localhost") return true;
  if (is_own_address(name)) return true;
  std::array<char, 256> own{};
  if (::gethostname(own.data(), own.size() - 1) != 0) return false;
  const std::string_view self(own.data());
  // "node1" and "node1.cluster" both name a machine whose host name is either of them.
  return name == self || name == before_dot(self) || before_dot(name) == self;
}

std::optional<unsigned> Hostfile::slots(unsigned local_cores) const {
  unsigned total = 0;
  for (const HostEntry& h : hosts) {
    if (!h.slots && !h.local) return std::nullopt;
    total += h.slots.value_or(local_cores);
  }
  return total;
}

bool Hostfile::names_other_machines() const {
  return std::any_of(hosts.begin(), hosts.end(), [](const HostEntry& h) { return !h.local; });
}

Hostfile parse_hostfile(const std::string& path, std::string_view text) {
  Hostfile file{.path = path, .hosts = {}};
  std::size_t number = 0;
  while (!text.empty()) {
    ++number;
    const auto newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    text = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
    if (line.size() > kMaxLine) throw bad_line(path, number, "the line is too long");
    line = line.substr(0, line.find('#'));
    std::istringstream words{std::string(line)};
    std::string host;
    if (!(words >> host)) continue;  // blank or comment
    if (!valid_host_name(host))
      throw bad_line(path, number, fmt::format("'{}' is not a host name or address", printable(host)));
    HostEntry entry{.name = host, .slots = {}, .max_slots = {}, .local = is_this_machine(host)};
    for (std::string word; words >> word;) {
      const auto eq = word.find('=');
      const std::string key = word.substr(0, eq);
      if (eq == std::string::npos || (key != "slots" && key != "max_slots" && key != "max-slots"))
        throw bad_line(path, number, fmt::format("unknown '{}'", printable(word)));
      const unsigned n = parse_slots(path, number, key, std::string_view(word).substr(eq + 1));
      (key == "slots" ? entry.slots : entry.max_slots) = n;
    }
    if (entry.slots && entry.max_slots && *entry.max_slots < *entry.slots)
      throw bad_line(path, number, fmt::format("max_slots={} is below slots={}", *entry.max_slots, *entry.slots));
    const auto same =
        std::find_if(file.hosts.begin(), file.hosts.end(), [&](const HostEntry& h) { return h.name == entry.name; });
    if (same == file.hosts.end()) {
      file.hosts.push_back(std::move(entry));
      continue;
    }
    // Open MPI refuses a host whose slots are given twice; say so before anything runs.
    if (entry.slots && same->slots)
      throw bad_line(path, number, fmt::format("{} is given slots a second time", printable(entry.name)));
    if (entry.slots) same->slots = entry.slots;
    if (entry.max_slots) same->max_slots = entry.max_slots;
  }
  if (file.hosts.empty())
    throw UsageError(fmt::format("invalid --hosts '{}': it names no host ({})", printable(path), kSyntax));
  return file;
}

Hostfile read_hostfile(const std::string& path) {
  const auto refuse = [&](std::string_view why) {
    return UsageError(
        fmt::format("invalid --hosts '{}': {} (give a readable Open MPI hostfile; {})", printable(path), why, kSyntax));
  };
  // Non-blocking and checked to be a regular file before reading: a FIFO must not hang the tool.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) throw refuse(fmt::format("cannot open it: {}", std::strerror(errno)));
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd);
    throw refuse(S_ISDIR(info.st_mode) ? "it is a directory" : "it is not a regular file");
  }
  if (info.st_size > static_cast<off_t>(kMaxFile)) {
    ::close(fd);
    throw refuse("it is too large for a hostfile");
  }
  std::string content(static_cast<std::size_t>(info.st_size), '\0');
  std::size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::read(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int err = errno;
      ::close(fd);
      throw refuse(fmt::format("cannot read it: {}", std::strerror(err)));
    }
    if (n == 0) break;
    done += static_cast<std::size_t>(n);
  }
  ::close(fd);
  content.resize(done);
  if (content.find('\0') != std::string::npos) throw refuse("it is not a text file");
  return parse_hostfile(path, content);
}

}  // namespace concur
