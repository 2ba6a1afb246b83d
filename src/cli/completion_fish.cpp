// The fish completion: `complete` lines conditioned on the command typed (the first word that is
// not an option), with helper functions for comma-separated lists and positional arguments.
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli/completions.hpp"

namespace concur {
namespace {

// What `complete` needs for the value of `a`: -x (a value, no files) with its words, -r -F for a
// file, nothing for a flag.
std::string value_clause(const ArgumentDoc& a) {
  switch (a.completion) {
    case ValueCompletion::none:
      return {};
    case ValueCompletion::free:
      return " -x";
    case ValueCompletion::words:
      return fmt::format(" -x -a {}", shell_quote(word_list(a.words)));
    case ValueCompletion::word_list:
      return fmt::format(" -x -a {}", shell_quote(fmt::format("(__fish_complete_list , '__concur_demo_words {}')",
                                                              word_list(a.words))));
    case ValueCompletion::keys:
      return fmt::format(" -x -a {}", shell_quote(fmt::format("(__concur_demo_keys {})", word_list(a.words))));
    case ValueCompletion::file:
      return " -r -F";
    case ValueCompletion::directory:
      return " -x -a '(__fish_complete_directories)'";
  }
  return {};
}

std::string flag_clause(const ArgumentDoc& a) {
  std::string out;
  for (const std::string& flag : a.flags)
    out += flag.starts_with("--") ? fmt::format(" -l {}", flag.substr(2)) : fmt::format(" -s {}", flag.substr(1));
  return out;
}

constexpr std::string_view kHelpers =
    R"(# The command: the first word after the program that is not an option (no option before it
# takes a value).
function __concur_demo_command
    for word in (commandline -opc)[2..-1]
        if not string match -q -- '-*' $word
            echo $word
            return 0
        end
    end
    return 1
end

# Whether the command typed is $argv[1].
function __concur_demo_using
    set -l command (__concur_demo_command)
    and test "$command" = $argv[1]
end

# Whether positional argument number $argv[1] (from 1) of the command is the one being typed;
# the other arguments are the flags whose value is the next word.
function __concur_demo_slot
    set -l wanted $argv[1]
    set -l value_flags $argv[2..-1]
    set -l words (commandline -opc)
    set -l filled -1
    set -l skip 0
    for word in $words[2..-1]
        if test $skip = 1
            set skip 0
        else if string match -q -- '-*=*' $word
            continue
        else if string match -q -- '-*' $word
            contains -- $word $value_flags; and set skip 1
        else
            set filled (math $filled + 1)
        end
    end
    test (math $filled + 1) = $wanted; and test $skip = 0
end

# Prints each argument on its own line, for __fish_complete_list.
function __concur_demo_words
    printf '%s\n' $argv
end

# KEY= words until a key is typed (--vary tasks=10,100).
function __concur_demo_keys
    string match -q -- '*=*' (commandline -ct); and return
    printf '%s\n' $argv
end

)";

}  // namespace

std::string fish_completion(const CommandLineDoc& doc) {
  std::string out = fmt::format(
      "# fish completion for {0} {1}.\n"
      "# Generated at build time from its command line (the option table and the registry); do not edit.\n\n",
      doc.program, doc.version);
  out += kHelpers;
  const std::string c = "complete -c " + doc.program;
  out += c + " -f\n";
  for (const ArgumentDoc& o : doc.options)
    out += fmt::format("{} -n 'not __concur_demo_command'{} -d {}\n", c, flag_clause(o), shell_quote(menu_text(o)));
  for (const CommandDoc& command : doc.commands)
    out +=
        fmt::format("{} -n 'not __concur_demo_command' -a {} -d {}\n", c, command.name, shell_quote(command.summary));
  for (const CommandDoc& command : doc.commands) {
    out += fmt::format("\n# {}\n", command.name);
    const std::string using_it = fmt::format("__concur_demo_using {}", command.name);
    for (const ArgumentDoc& o : command.options)
      out += fmt::format("{} -n {}{}{} -d {}\n", c, shell_quote(using_it), flag_clause(o), value_clause(o),
                         shell_quote(menu_text(o)));
    for (std::size_t i = 0; i < command.positionals.size(); ++i) {
      const ArgumentDoc& p = command.positionals[i];
      if (p.words.empty()) continue;
      const std::string condition =
          fmt::format("{}; and __concur_demo_slot {} {}", using_it, i + 1, value_flags(command));
      out += fmt::format("{} -n {} -a {}\n", c, shell_quote(condition), shell_quote(word_list(p.words)));
    }
  }
  return out;
}

}  // namespace concur
