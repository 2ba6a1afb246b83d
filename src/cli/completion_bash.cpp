// The bash completion: one function over bash-completion's helpers (_init_completion,
// _filedir). The first word that is not an option is the command; the option before the cursor
// decides what its value can be; otherwise a positional argument still to fill, or the options.
#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli/completions.hpp"

namespace concur {
namespace {

constexpr std::string_view kHelpers = R"(# Offer the words of $1 that start with the word being completed.
_concur_demo_offer() {
  mapfile -t COMPREPLY < <(compgen -W "$1" -- "$cur")
}

# Offer the words of $1 for the last item of a comma-separated list (--model thread,async).
_concur_demo_list() {
  local head="" last=$cur
  if [[ $cur == *,* ]]; then
    head=${cur%,*},
    last=${cur##*,}
  fi
  mapfile -t COMPREPLY < <(compgen -P "$head" -W "$1" -- "$last")
}

# Offer the KEY= words of $1; once a key is typed, its values are free text.
_concur_demo_keys() {
  [[ $cur == *=* ]] && return
  _concur_demo_offer "$1"
  compopt -o nospace
}

)";

// The `case $prev` arm that completes the value of `option`.
std::string value_arm(const ArgumentDoc& option) {
  const std::string pattern = fmt::format("{}", fmt::join(option.flags, " | "));
  switch (option.completion) {
    case ValueCompletion::none:
      return {};
    case ValueCompletion::free:
      return fmt::format("    {}) return ;;\n", pattern);
    case ValueCompletion::words:
      return fmt::format("    {})\n      _concur_demo_offer {}\n      return\n      ;;\n", pattern,
                         shell_quote(word_list(option.words)));
    case ValueCompletion::word_list:
      return fmt::format("    {})\n      _concur_demo_list {}\n      return\n      ;;\n", pattern,
                         shell_quote(word_list(option.words)));
    case ValueCompletion::keys:
      return fmt::format("    {})\n      _concur_demo_keys {}\n      return\n      ;;\n", pattern,
                         shell_quote(word_list(option.words)));
    case ValueCompletion::file:
      return fmt::format("    {})\n      _filedir\n      return\n      ;;\n", pattern);
    case ValueCompletion::directory:
      return fmt::format("    {})\n      _filedir -d\n      return\n      ;;\n", pattern);
  }
  return {};
}

// The `case $command` arm that sets the command's options, its value-taking flags and the words
// of each positional argument.
std::string command_arm(const CommandDoc& command) {
  std::vector<std::string> flags;
  for (const ArgumentDoc& o : command.options) flags.insert(flags.end(), o.flags.begin(), o.flags.end());
  std::vector<std::string> slots;
  for (const ArgumentDoc& p : command.positionals) slots.push_back(shell_quote(word_list(p.words)));
  return fmt::format(
      "    {})\n"
      "      options={}\n"
      "      values={}\n"
      "      slots=({})\n"
      "      ;;\n",
      command.name, shell_quote(word_list(flags)), shell_quote(value_flags(command)), fmt::join(slots, " "));
}

}  // namespace

std::string bash_completion(const CommandLineDoc& doc) {
  std::vector<std::string> commands;
  std::vector<std::string> top_flags;
  for (const CommandDoc& c : doc.commands) commands.push_back(c.name);
  for (const ArgumentDoc& o : doc.options) top_flags.insert(top_flags.end(), o.flags.begin(), o.flags.end());
  // Every option's value arm once: an option means the same in every command that takes it.
  std::vector<std::string> arms;
  for (const CommandDoc& c : doc.commands)
    for (const ArgumentDoc& o : c.options) {
      std::string arm = value_arm(o);
      if (!arm.empty() && std::find(arms.begin(), arms.end(), arm) == arms.end()) arms.push_back(std::move(arm));
    }
  std::string command_arms;
  for (const CommandDoc& c : doc.commands) command_arms += command_arm(c);

  std::string out = fmt::format(
      "# bash completion for {0} {1}.\n"
      "# Generated at build time from its command line (the option table and the registry); do not edit.\n"
      "# shellcheck shell=bash\n\n",
      doc.program, doc.version);
  out += kHelpers;
  out += fmt::format(
      "_concur_demo() {{\n"
      "  local cur prev words cword split\n"
      "  _init_completion -s || return\n"
      "\n"
      "  # The command is the first word that is not an option: no option before it takes a value.\n"
      "  local i command=\"\" command_at=0\n"
      "  for ((i = 1; i < cword; i++)); do\n"
      "    if [[ ${{words[i]}} != -* ]]; then\n"
      "      command=${{words[i]}}\n"
      "      command_at=$i\n"
      "      break\n"
      "    fi\n"
      "  done\n"
      "  if [[ -z $command ]]; then\n"
      "    if [[ $cur == -* ]]; then\n"
      "      _concur_demo_offer {0}\n"
      "    else\n"
      "      _concur_demo_offer {1}\n"
      "    fi\n"
      "    return\n"
      "  fi\n"
      "\n"
      "  local options values slots=()\n"
      "  case $command in\n"
      "{2}"
      "    *) return ;;\n"
      "  esac\n"
      "\n"
      "  # The value of the option before the cursor (or before '=').\n"
      "  if [[ \" $values \" == *\" $prev \"* ]]; then\n"
      "    case $prev in\n"
      "{3}"
      "    esac\n"
      "    return\n"
      "  fi\n"
      "  [[ $split == true ]] && return\n"
      "\n"
      "  # A positional argument still to fill: count those typed, skipping options and their values.\n"
      "  if [[ $cur != -* && ${{#slots[@]}} -gt 0 ]]; then\n"
      "    local filled=0 skip=false\n"
      "    for ((i = command_at + 1; i < cword; i++)); do\n"
      "      if [[ $skip == true ]]; then\n"
      "        skip=false\n"
      "      elif [[ ${{words[i]}} == -*=* ]]; then\n"
      "        :\n"
      "      elif [[ ${{words[i]}} == -* ]]; then\n"
      "        [[ \" $values \" == *\" ${{words[i]}} \"* ]] && skip=true\n"
      "      else\n"
      "        filled=$((filled + 1))\n"
      "      fi\n"
      "    done\n"
      "    if ((filled < ${{#slots[@]}})); then\n"
      "      _concur_demo_offer \"${{slots[filled]}}\"\n"
      "      return\n"
      "    fi\n"
      "  fi\n"
      "  _concur_demo_offer \"$options\"\n"
      "}}\n"
      "complete -F _concur_demo {4}\n",
      shell_quote(word_list(top_flags)), shell_quote(word_list(commands)), command_arms, fmt::join(arms, ""),
      doc.program);
  return out;
}

}  // namespace concur
