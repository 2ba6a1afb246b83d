// What an option's value is, from the text on the command line or in --vary: checked and typed by
// the option's kind, so that every option of a kind refuses bad values with the same words.
#include <algorithm>
#include <string>

#include <fmt/format.h>

#include "core/parse.hpp"
#include "core/suggest.hpp"
#include "core/usage_error.hpp"
#include "options/option_table.hpp"
#include "options/output_path.hpp"

namespace concur {

std::string_view value_placeholder(const OptionSpec& spec) {
  switch (spec.kind) {
    case ValueKind::flag:
      return "";
    case ValueKind::count:
      return "<N>";
    case ValueKind::duration:
      return "<DURATION>";
    case ValueKind::size:
      return "<SIZE>";
    case ValueKind::output_file:
    case ValueKind::input_file:
      return "<FILE>";
    case ValueKind::dir:
      return "<DIR>";
    case ValueKind::models:
      return "<MODELS>";
    case ValueKind::choice:
      return "<WORD>";
    case ValueKind::text:
      return "<TEXT>";
  }
  return "";
}

OptionValue parse_option_value(const OptionSpec& spec, std::string_view text) {
  const std::string flag = fmt::format("--{}", spec.name);
  if (spec.kind == ValueKind::flag) return true;
  if (text.empty())
    throw UsageError(fmt::format("invalid {} '': the value is empty (give {})", flag, value_placeholder(spec)));
  switch (spec.kind) {
    case ValueKind::count:
      return parse_count(text, spec.min, spec.max, flag);
    case ValueKind::duration:
    case ValueKind::size:
      // The parsers name the bad text, not the option: the one line must say which option refused it.
      try {
        if (spec.kind == ValueKind::duration) return parse_duration(text);
        return parse_size(text);
      } catch (const UsageError& e) {
        const std::string why = e.what();
        if (why.find(flag) != std::string::npos) throw;
        throw UsageError(fmt::format("{}: {}", flag, why));
      }
    case ValueKind::output_file:
      check_output_path(std::string(text), flag);
      return std::string(text);
    case ValueKind::choice: {
      const auto words = spec.choices();
      if (std::find(words.begin(), words.end(), text) == words.end())
        throw UsageError(
            fmt::format("invalid {} '{}' (use {}){}", flag, text, one_of(words), did_you_mean(text, words)));
      return std::string(text);
    }
    case ValueKind::flag:
    case ValueKind::input_file:
    case ValueKind::dir:
    case ValueKind::models:
    case ValueKind::text:
      return std::string(text);
  }
  return std::string(text);
}

}  // namespace concur
