// The way back for a terminal the tool has taken over (the live view: the alternate screen, the
// cursor hidden, echo off). Registered while the terminal is taken, so that the interrupt
// handler can give the terminal back before the tool exits on Ctrl-C, with async-signal-safe
// calls only (write and tcsetattr).
#pragma once

#include <termios.h>

#include <string_view>

namespace concur {

/// On an interrupt, write `bytes` to `fd` and restore `mode` on it unless it is null (both as they
/// are now); the bytes are copied (at most 255). Replaces any earlier registration.
void set_terminal_restore(int fd, const termios* mode, std::string_view bytes);

/// Nothing to restore any more (the tool gave the terminal back itself).
void clear_terminal_restore();

/// Restores the registered terminal, if any, and forgets it; async-signal-safe (the interrupt
/// handler calls it).
void restore_terminal_now() noexcept;

}  // namespace concur
