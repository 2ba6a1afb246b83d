#include "sys/command_line.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <string_view>

namespace concur {
namespace {

// Characters a shell reads as themselves outside quotes.
bool plain(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view("-_./=:,+@%").find(c) != std::string_view::npos;
}

std::string quoted(const std::string& word) {
  if (!word.empty() && std::all_of(word.begin(), word.end(), plain)) return word;
  std::string out = "'";
  for (const char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

std::vector<std::string> own_arguments() {
  std::ifstream in("/proc/self/cmdline", std::ios::binary);
  const std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::string> arguments;
  std::string::size_type start = 0;
  while (start < all.size()) {
    const auto end = all.find('\0', start);
    arguments.push_back(all.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return arguments;
}

std::string shell_command(std::span<const std::string> arguments) {
  std::string out;
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    std::string word = arguments[i];
    // Where the binary sits on this machine says nothing about the measurement.
    if (i == 0) word = word.substr(word.rfind('/') == std::string::npos ? 0 : word.rfind('/') + 1);
    if (i > 0) out += ' ';
    out += quoted(word);
  }
  return out;
}

}  // namespace concur
