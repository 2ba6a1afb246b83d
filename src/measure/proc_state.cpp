#include "measure/proc_state.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <charconv>
#include <string>
#include <string_view>

#include <fmt/format.h>

namespace concur {
namespace {

// A stat file is one short line; a plain read keeps a look at twenty of them well under a
// millisecond (no stream, no allocation beyond the path).
std::optional<std::string> read_small(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  std::array<char, 1024> buffer{};
  ssize_t n = 0;
  do {
    n = ::read(fd, buffer.data(), buffer.size());
  } while (n < 0 && errno == EINTR);
  ::close(fd);
  if (n <= 0) return std::nullopt;
  return std::string(buffer.data(), static_cast<std::size_t>(n));
}

// The fields after the command name, which may itself hold spaces and parentheses.
std::optional<std::string_view> after_name(const std::string& stat) {
  const auto close = stat.rfind(')');
  if (close == std::string::npos || close + 2 >= stat.size()) return std::nullopt;
  return std::string_view(stat).substr(close + 2);
}

}  // namespace

std::optional<bool> thread_running(std::int32_t pid, std::int32_t tid) {
  const auto stat = read_small(fmt::format("/proc/{}/task/{}/stat", pid, tid));
  if (!stat) return std::nullopt;
  const auto fields = after_name(*stat);
  if (!fields || fields->empty()) return std::nullopt;
  return fields->front() == 'R';
}

std::optional<double> process_cpu_seconds(std::int32_t pid) {
  const auto stat = read_small(fmt::format("/proc/{}/stat", pid));
  if (!stat) return std::nullopt;
  auto fields = after_name(*stat);
  if (!fields) return std::nullopt;
  // After the name: state is field 3 of the line; utime, stime, cutime and cstime are 14 to 17.
  constexpr int kFirst = 14, kLast = 17, kState = 3;
  std::int64_t ticks = 0;
  int field = kState;
  for (std::string_view rest = *fields; !rest.empty() && field <= kLast; ++field) {
    const auto space = rest.find(' ');
    const std::string_view word = rest.substr(0, space);
    if (field >= kFirst) {
      std::int64_t value = 0;
      std::from_chars(word.data(), word.data() + word.size(), value);
      ticks += value;
    }
    rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
  }
  static const long per_second = ::sysconf(_SC_CLK_TCK);
  return static_cast<double>(ticks) / static_cast<double>(per_second > 0 ? per_second : 100);
}

}  // namespace concur
