// Words and text as the completion scripts write them: lists of words, quoted strings.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cli/command_line_doc.hpp"

namespace concur {

/// `words` joined by spaces, for a shell word list ("sequential thread fork").
std::string word_list(const std::vector<std::string>& words);

/// `text` in single quotes for sh, bash, zsh and fish: a quote inside is closed, escaped, reopened.
std::string shell_quote(std::string_view text);

/// A short description of `argument` for a completion menu: its summary without trailing detail.
std::string menu_text(const ArgumentDoc& argument);

/// The flags of every option of `command` that takes a value, joined by spaces.
std::string value_flags(const CommandDoc& command);

}  // namespace concur
