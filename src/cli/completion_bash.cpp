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

// The completion function: {0} the top-level options, {1} the commands, {2} the arms that set
// each command's options and positional words, {3} the arms that complete an option's value,
// {4} the program (fmt doubles the braces that are the script's own).
constexpr std::string_view kFunction = R"(_concur_demo() {{
  local cur prev words cword split
  _init_completion -s || return

  # The command is the first word that is not an option: no option before it takes a value.
  local i command="" command_at=0
  for ((i = 1; i < cword; i++)); do
    if [[ ${{words[i]}} != -* ]]; then
      command=${{words[i]}}
      command_at=$i
      break
    fi
  done
  if [[ -z $command ]]; then
    if [[ $cur == -* ]]; then
      _concur_demo_offer {0}
    else
      _concur_demo_offer {1}
    fi
    return
  fi

  local options values slots=()
  case $command in
{2}    *) return ;;
  esac

  # The value of the option before the cursor (or before '=').
  if [[ " $values " == *" $prev "* ]]; then
    case $prev in
{3}    esac
    return
  fi
  [[ $split == true ]] && return

  # A positional argument still to fill: count those typed, skipping options and their values.
  if [[ $cur != -* && ${{#slots[@]}} -gt 0 ]]; then
    local filled=0 skip=false
    for ((i = command_at + 1; i < cword; i++)); do
      if [[ $skip == true ]]; then
        skip=false
      elif [[ ${{words[i]}} == -*=* ]]; then
        :
      elif [[ ${{words[i]}} == -* ]]; then
        [[ " $values " == *" ${{words[i]}} "* ]] && skip=true
      else
        filled=$((filled + 1))
      fi
    done
    if ((filled < ${{#slots[@]}})); then
      _concur_demo_offer "${{slots[filled]}}"
      return
    fi
  fi
  _concur_demo_offer "$options"
}}
complete -F _concur_demo {4}
)";

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
  out += fmt::format(kFunction, shell_quote(word_list(top_flags)), shell_quote(word_list(commands)), command_arms,
                     fmt::join(arms, ""), doc.program);
  return out;
}

}  // namespace concur
