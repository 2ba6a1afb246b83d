// The option table bound to one command of the CLI11 app: CLI11 tokenises and writes --help;
// the table's parsers judge every value, so each mistake is one line that names the option.
#pragma once

#include <deque>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "options/option_table.hpp"
#include "scenarios/scenario.hpp"

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace concur {

/// The options of one command, as typed, until the command runs.
class OptionBinding {
 public:
  /// Adds to `app` (a command's CLI11 app: Command::cli()) every option of the table that `use`
  /// (a CommandUse bit) takes. Options of scenarios none of `scenarios` uses are added hidden, so
  /// that typing one is a clear error rather than CLI11's "not expected"; with no scenarios (sweep:
  /// chosen later) all are shown.
  OptionBinding(CLI::App& app, CommandUse use, std::span<const ScenarioInfo* const> scenarios);

  /// The settings the command line gave: the table's defaults, then each given option in table
  /// order. Throws UsageError for a bad value, an option given twice, or an option none of
  /// `chosen` uses (naming the scenarios that do).
  [[nodiscard]] Settings settings(std::span<const ScenarioInfo* const> chosen) const;

  /// Whether the option called `name` was given on the command line.
  [[nodiscard]] bool given(std::string_view name) const;

  /// Makes --help show `text` as the default of the option `name`, for a command whose default
  /// is not the table's. Throws std::logic_error if the command lacks the option.
  void show_default(std::string_view name, const std::string& text);

  /// Makes the option `name` one the command refuses to run without. Throws std::logic_error if
  /// the command lacks the option.
  void require(std::string_view name);

 private:
  struct Bound {
    const OptionSpec* spec;           // its table entry
    CLI::Option* option;              // what CLI11 made of it
    std::vector<std::string> values;  // every value typed, in order (CLI11 writes here)
  };
  /// The CLI11 option of `name`; throws std::logic_error if the command lacks it.
  [[nodiscard]] CLI::Option& option(std::string_view name) const;

  std::deque<Bound> bound_;  // a deque: CLI11 keeps pointers to `values`, which must not move
};

}  // namespace concur
