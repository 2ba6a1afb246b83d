// The command line this process was started with, as a reader could type it again: the HTML
// report and the JSON document say what produced them.
#pragma once

#include <span>
#include <string>
#include <vector>

namespace concur {

/// This process's arguments as the kernel keeps them (/proc/self/cmdline); empty if unreadable.
std::vector<std::string> own_arguments();

/// `arguments` joined for a POSIX shell, each quoted only where it needs it; the program is named
/// by its file name alone ("concur-demo sleep --title 'Two models'").
std::string shell_command(std::span<const std::string> arguments);

}  // namespace concur
