// The zsh completion: _arguments for the command, then _arguments again for the chosen
// command's options and positional arguments, with _values for comma-separated model lists.
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli/completions.hpp"

namespace concur {
namespace {

// _arguments reads brackets and colons in a description as syntax: escape them.
std::string zsh_description(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '[' || c == ']' || c == ':' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

// The part of an _arguments spec after the description: what the value is and how to complete it.
std::string value_action(const ArgumentDoc& a) {
  std::string name = a.value.empty() ? a.name : a.value.substr(1, a.value.size() - 2);
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  switch (a.completion) {
    case ValueCompletion::none:
      return {};
    case ValueCompletion::free:
      return fmt::format(":{}: ", name);
    case ValueCompletion::words:
      return fmt::format(":{}:({})", name, word_list(a.words));
    case ValueCompletion::word_list:
      return fmt::format(":{}:_concur_demo_list {}", name, word_list(a.words));
    case ValueCompletion::keys:
      return fmt::format(":{}:_concur_demo_keys {}", name, word_list(a.words));
    case ValueCompletion::file:
      return fmt::format(":{}:_files", name);
    case ValueCompletion::directory:
      return fmt::format(":{}:_files -/", name);
  }
  return {};
}

// One spec per flag of the option, each excluding the option's other spellings (an option is
// given once).
std::vector<std::string> option_specs(const ArgumentDoc& o) {
  const bool help = o.name == "help" || o.name == "version";
  const std::string exclusion = help ? "(- *)" : fmt::format("({})", fmt::join(o.flags, " "));
  std::vector<std::string> specs;
  for (const std::string& flag : o.flags) {
    // `-m+`: the value may follow in the same word or the next; `--model=`: after '=' or next.
    const std::string form = o.value.empty() ? flag : flag + (flag.starts_with("--") ? "=" : "+");
    specs.push_back(
        shell_quote(fmt::format("{}{}[{}]{}", exclusion, form, zsh_description(menu_text(o)), value_action(o))));
  }
  return specs;
}

std::string arguments_call(const std::vector<ArgumentDoc>& options, const std::vector<ArgumentDoc>& positionals,
                           std::string_view indent) {
  std::vector<std::string> specs;
  for (const ArgumentDoc& o : options)
    for (std::string& s : option_specs(o)) specs.push_back(std::move(s));
  for (std::size_t i = 0; i < positionals.size(); ++i) {
    const ArgumentDoc& p = positionals[i];
    specs.push_back(shell_quote(fmt::format("{}{}", i + 1, value_action(p))));
  }
  std::string out = fmt::format("{}_arguments -s -S", indent);
  for (const std::string& s : specs) out += fmt::format(" \\\n{}  {}", indent, s);
  return out + "\n";
}

constexpr std::string_view kHelpers = R"(# A comma-separated list of the words given (--model thread,async).
_concur_demo_list() {
  _values -s , 'value' "$@"
}

# KEY= words, then free values once a key is typed (--vary tasks=10,100).
_concur_demo_keys() {
  if compset -P '*='; then
    _message 'values, comma-separated'
  else
    compadd -S '' -- "$@"
  fi
}

)";

// The completion function: {0} the top-level option specs, {1} the commands with their
// descriptions, {2} the arms that complete each command (fmt doubles the script's own braces).
constexpr std::string_view kFunction = R"(_concur-demo() {{
  local curcontext=$curcontext state line ret=1
  local -A opt_args
  _arguments -C{0} \
    '1:command:->command' \
    '*::argument:->argument' && ret=0
  case $state in
    command)
      local -a commands=(
        {1}
      )
      _describe -t commands command commands && ret=0
      ;;
    argument)
      curcontext=${{curcontext%:*:*}}:concur-demo-$words[1]:
      case $words[1] in
{2}      esac
      ret=$?
      ;;
  esac
  return ret
}}

_concur-demo "$@"
)";

}  // namespace

std::string zsh_completion(const CommandLineDoc& doc) {
  std::string out = fmt::format(
      "#compdef {0}\n"
      "# zsh completion for {0} {1}.\n"
      "# Generated at build time from its command line (the option table and the registry); do not edit.\n\n",
      doc.program, doc.version);
  out += kHelpers;
  std::vector<std::string> commands;
  for (const CommandDoc& c : doc.commands)
    commands.push_back(shell_quote(fmt::format("{}:{}", c.name, zsh_description(c.summary))));
  std::string top;
  for (const ArgumentDoc& o : doc.options)
    for (std::string& s : option_specs(o)) top += " \\\n    " + s;
  std::string arms;
  for (const CommandDoc& c : doc.commands)
    arms +=
        fmt::format("        {})\n{}          ;;\n", c.name, arguments_call(c.options, c.positionals, "          "));
  out += fmt::format(kFunction, top, fmt::join(commands, "\n        "), arms);
  return out;
}

}  // namespace concur
