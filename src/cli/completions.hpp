// Shell completions for concur-demo, written from the command line's description: commands,
// each command's options, and the words their values take (models, formats, scenarios,
// lessons, sweep keys), so they change when the option table or the registry does.
#pragma once

#include <string>

#include "cli/command_line_doc.hpp"
#include "cli/shell_words.hpp"

namespace concur {

/// A bash-completion script (installed as completions/concur-demo, loaded on first use).
std::string bash_completion(const CommandLineDoc& doc);

/// A zsh completion function (installed as _concur-demo in a directory of $fpath).
std::string zsh_completion(const CommandLineDoc& doc);

/// fish completions (installed as concur-demo.fish in vendor_completions.d).
std::string fish_completion(const CommandLineDoc& doc);

}  // namespace concur
