// The one table of options: each option is declared once, with its name, the kind of value it
// takes, its range, its default, the commands and scenarios that use it, and how its value is
// stored. The command line (binding.cpp), `sweep --vary` (vary.cpp), --help and the generated
// completions and man page all read it; nothing else lists options.
#pragma once

#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "options/settings.hpp"

namespace concur {

/// The kind of value an option takes: decides how its text is parsed and what --help shows.
enum class ValueKind {
  flag,         ///< no value
  count,        ///< a whole number within [min, max]            <N>
  duration,     ///< 100ms, 1.5s, 250us                            <DURATION>
  size,         ///< 4MiB, 512KiB, 4096                            <SIZE>
  output_file,  ///< a file the tool writes (checked before measuring) <FILE>
  input_file,   ///< a file the tool reads (checked before measuring)  <FILE>
  dir,          ///< a directory the tool reads                    <DIR>
  models,       ///< comma-separated model names, all, py         <MODELS>
  choice,       ///< one word of a fixed list                      <WORD>
  text,         ///< free text the option parses itself            <TEXT>
};

/// The commands an option belongs to (a bit each).
enum CommandUse : unsigned {
  kRunCommands = 1U << 0U,     ///< the scenario commands: io, cpu, all and one per scenario
  kSweepCommand = 1U << 1U,    ///< sweep
  kCountCommand = 1U << 2U,    ///< count
  kCompareCommand = 1U << 3U,  ///< compare
};

/// Where an option shows in --help.
enum class OptionGroup { runs, workload, output, sweep };

/// A parsed option value, of the type its kind gives.
using OptionValue = std::variant<bool, std::int64_t, std::chrono::nanoseconds, std::uint64_t, std::string>;

/// One option.
struct OptionSpec {
  // Required: an entry that leaves one out gets a compiler warning (-Wmissing-field-initializers).
  std::string_view name;  ///< long name without dashes; also the key `sweep --vary` takes
  ValueKind kind;         ///< what value it takes
  OptionGroup group;      ///< where --help shows it
  unsigned commands;      ///< CommandUse bits: which commands take it
  std::string_view help;  ///< one line for --help
  void (*store)(const OptionValue& value, Settings& settings);  ///< writes the value into settings
  // Optional.
  char short_name = 0;                 ///< one-letter alias, or 0
  std::string_view default_text = {};  ///< the default as typed; applied unless `scenarios` is set (then the
                                       ///< scenario's own default applies and this only documents it)
  std::string_view scenarios = {};     ///< space-separated scenarios that use it; empty: not scenario-specific
  std::int64_t min = 0;                ///< count: smallest value
  std::int64_t max = 0;                ///< count: largest value
  std::string_view sweep_unit = {};    ///< unit of a sweep axis over it ("tasks", "s", "B"); empty: not sweepable
  std::vector<std::string_view> (*choices)() = nullptr;  ///< choice: the accepted words
  bool repeatable = false;  ///< may be given several times (each value stored in turn); else once only
};

/// Every option, in the order --help lists them within a group.
std::span<const OptionSpec> option_table();

/// The option called `name` (long name, no dashes), or nullptr.
const OptionSpec* find_option(std::string_view name);

/// "--tasks" or "-n, --tasks": how help and errors name an option.
std::string option_flag(const OptionSpec& spec);

/// What --help shows for the value: "<N>", "<DURATION>", "<SIZE>", "<FILE>", "<DIR>", "<MODELS>".
std::string_view value_placeholder(const OptionSpec& spec);

/// Parses `text` as `spec`'s value; throws UsageError (one line naming the option) when it is
/// empty, out of range, or not of the option's kind.
OptionValue parse_option_value(const OptionSpec& spec, std::string_view text);

/// Whether `spec` is used by the scenario called `scenario` (true for an option of no scenario).
bool option_serves(const OptionSpec& spec, std::string_view scenario);

/// "a, b or c": a list of words as a sentence says it.
std::string one_of(std::span<const std::string_view> words);

/// Settings with every applicable default of the table stored (repeat, warm-up, format, …).
Settings default_settings();

}  // namespace concur
