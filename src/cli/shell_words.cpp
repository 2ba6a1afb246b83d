#include "cli/shell_words.hpp"

#include <fmt/format.h>

namespace concur {

std::string word_list(const std::vector<std::string>& words) { return fmt::format("{}", fmt::join(words, " ")); }

std::string shell_quote(std::string_view text) {
  std::string out = "'";
  for (const char c : text) {
    if (c == '\'')
      out += R"('\'')";
    else
      out += c;
  }
  return out + "'";
}

std::string menu_text(const ArgumentDoc& argument) {
  std::string text = argument.summary;
  // A menu line is one line: what comes after a colon (the accepted words, examples) the menu
  // shows itself, or is too long to read there.
  if (const auto colon = text.find(": "); colon != std::string::npos) text.erase(colon);
  for (char& c : text)
    if (c == '\n') c = ' ';
  return text;
}

std::string value_flags(const CommandDoc& command) {
  std::vector<std::string> flags;
  for (const ArgumentDoc& o : command.options)
    if (!o.value.empty()) flags.insert(flags.end(), o.flags.begin(), o.flags.end());
  return word_list(flags);
}

}  // namespace concur
