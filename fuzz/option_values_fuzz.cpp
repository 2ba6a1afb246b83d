// libFuzzer target for the option table's values: every option's parser (parse_option_value)
// and `sweep --vary` (parse_vary, then sweep_points for every scenario that sweeps). The first
// input byte picks the option, the rest is its value. A value is accepted only inside its
// option's documented range, and stored, or refused with one clear line naming the option;
// anything else (another exception, a crash, undefined behaviour, a leak) is a finding.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/parse.hpp"
#include "options/option_table.hpp"
#include "options/vary.hpp"
#include "registry/registry.hpp"

namespace {

using namespace concur;

// Aborting is how a libFuzzer target reports a broken property.
void require(bool property) {
  if (!property) std::abort();
}

void require_one_clear_line(const std::exception& e, std::string_view must_name) {
  const std::string line = printable(e.what());
  require(!line.empty());
  require(line.find('\n') == std::string::npos);
  require(must_name.empty() || line.find(must_name) != std::string::npos);
}

void check_value(const OptionSpec& spec, const OptionValue& value) {
  switch (spec.kind) {
    case ValueKind::count: {
      const auto n = std::get<std::int64_t>(value);
      require(n >= spec.min && n <= spec.max);
      break;
    }
    case ValueKind::duration: {
      const auto d = std::get<std::chrono::nanoseconds>(value);
      require(d.count() >= 0 && d <= std::chrono::hours(24));
      break;
    }
    case ValueKind::size: {
      const auto bytes = std::get<std::uint64_t>(value);
      require(bytes >= 1 && bytes <= (64ULL << 30));
      break;
    }
    case ValueKind::choice: {
      const auto words = spec.choices();
      require(std::find(words.begin(), words.end(), std::get<std::string>(value)) != words.end());
      break;
    }
    default:
      break;
  }
}

void fuzz_option(const OptionSpec& spec, const std::string& text) {
  try {
    const OptionValue value = parse_option_value(spec, text);
    check_value(spec, value);
    Settings settings = default_settings();
    spec.store(value, settings);  // storing an accepted value never throws
  } catch (const UsageError& e) {
    require_one_clear_line(e, std::string("--") + std::string(spec.name));
  }
}

void fuzz_vary(const std::string& text) {
  try {
    const VarySpec spec = parse_vary(text);
    require(!spec.key.empty() && !spec.values.empty());
    for (const ScenarioInfo& info : scenarios()) {
      if (info.hidden) continue;
      try {
        const auto points = sweep_points(info, spec, default_settings(), false);
        require(!points.empty());
        for (std::size_t i = 1; i < points.size(); ++i) require(points[i - 1].value < points[i].value);
      } catch (const UsageError& e) {
        require_one_clear_line(e, "");
      }
    }
  } catch (const UsageError& e) {
    require_one_clear_line(e, "");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  // One command-line argument never holds a NUL byte: a value ends at the first one.
  std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  text = text.substr(0, text.find('\0'));
  // Options naming files to write are left out: checking one creates (and removes) a file beside
  // the named path, and a fuzzer must not write wherever its input points.
  std::vector<const OptionSpec*> fuzzed;
  for (const OptionSpec& spec : option_table())
    if (spec.kind != ValueKind::output_file) fuzzed.push_back(&spec);
  const std::size_t pick = data[0] % (fuzzed.size() + 1);
  if (pick == fuzzed.size()) {
    fuzz_vary(text);
  } else {
    fuzz_option(*fuzzed[pick], text);
  }
  return 0;
}
