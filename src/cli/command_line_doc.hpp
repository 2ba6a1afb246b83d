// The command line as plain data, read off the real CLI11 app (make_app) and completed from the
// option table and the registry: the man page and the shell completions are written from it,
// so they name exactly the commands, options, defaults and words the user can type.
#pragma once

#include <string>
#include <vector>

namespace concur {

/// What a shell can offer for an option's value or a positional argument.
enum class ValueCompletion {
  none,       ///< a flag: it takes no value
  free,       ///< a number, a duration, a size: nothing to offer
  words,      ///< one of `words`
  word_list,  ///< `words`, comma-separated (--model thread,async)
  keys,       ///< one of `words`, each ending in '=', followed by values (--vary tasks=10,100)
  file,       ///< a file name
  directory,  ///< a directory name
};

/// One option or positional argument of a command.
struct ArgumentDoc {
  std::vector<std::string> flags;      ///< "-m", "--model"; empty for a positional argument
  std::string name;                    ///< the long name without dashes, or the positional's name
  std::string value;                   ///< the value's placeholder ("<N>", "<MODELS>"); empty for a flag
  std::string help;                    ///< the line --help shows for it in this command
  std::string summary;                 ///< a short line: the table's own, without the words it accepts
  std::string default_text;            ///< its default as typed; empty: none
  std::string group;                   ///< the --help section it is listed under
  std::string range;                   ///< the accepted range of a number ("1 to 1000000"); empty: none
  std::vector<std::string> scenarios;  ///< the scenarios that use it; empty: not scenario-specific
  bool required = false;               ///< whether the command needs it
  ValueCompletion completion = ValueCompletion::none;  ///< what a shell offers for its value
  std::vector<std::string> words;                      ///< the words offered, for words, word_list, keys
};

/// One command (`io`, `sweep`, `explain`, …).
struct CommandDoc {
  std::string name;                      ///< as typed
  std::string summary;                   ///< one line from --help
  std::string footer;                    ///< its --help footer (the examples), possibly empty
  std::vector<ArgumentDoc> options;      ///< options --help lists, --help itself included
  std::vector<ArgumentDoc> positionals;  ///< positional arguments, in order
};

/// The whole command line.
struct CommandLineDoc {
  std::string program;               ///< "concur-demo"
  std::string summary;               ///< what the tool is, from the app's description
  std::string version;               ///< the project's version (CMake's project(VERSION))
  std::string footer;                ///< the app's --help footer (examples)
  std::vector<ArgumentDoc> options;  ///< options before any command: --help, --version
  std::vector<CommandDoc> commands;  ///< every command --help lists, in its order
};

/// Builds the CLI11 app exactly as `concur-demo` does, without parsing anything, and reads it.
CommandLineDoc describe_command_line();

}  // namespace concur
