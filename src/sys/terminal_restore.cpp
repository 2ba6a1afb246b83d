#include "sys/terminal_restore.hpp"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <csignal>

#include "sys/interrupt.hpp"

namespace concur {
namespace {

// Plain static storage: the handler may run at any moment, and must find either nothing or a
// complete registration. Registering and clearing happen with the interrupts blocked.
struct Restore {
  int fd = -1;
  bool has_mode = false;
  termios mode{};
  std::array<char, 256> bytes{};
  std::size_t length = 0;
};
Restore registered;
volatile std::sig_atomic_t armed = 0;

}  // namespace

void set_terminal_restore(int fd, const termios* mode, std::string_view bytes) {
  const InterruptsBlocked quiet;
  registered.fd = fd;
  registered.has_mode = mode != nullptr;
  if (mode != nullptr) registered.mode = *mode;
  registered.length = std::min(bytes.size(), registered.bytes.size() - 1);
  std::copy_n(bytes.begin(), registered.length, registered.bytes.begin());
  armed = 1;
}

void clear_terminal_restore() {
  const InterruptsBlocked quiet;
  armed = 0;
}

void restore_terminal_now() noexcept {
  if (armed == 0) return;
  armed = 0;
  const char* at = registered.bytes.data();
  std::size_t left = registered.length;
  while (left > 0) {
    const ssize_t n = ::write(registered.fd, at, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    at += n;
    left -= static_cast<std::size_t>(n);
  }
  if (registered.has_mode) ::tcsetattr(registered.fd, TCSANOW, &registered.mode);
}

}  // namespace concur
