// libFuzzer target for everything that reads what users type: durations, sizes, counts, comma
// lists, model names and whole command lines. The first input byte picks the parser, the rest
// is the text. A parser may accept the text (the value must then lie in its documented range
// and survive a round trip where one exists) or refuse it with its own error whose message
// names the text and fits on one line once printed; anything else (another exception, a
// crash, undefined behaviour, a leak) is a finding.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "cli/app.hpp"
#include "core/parse.hpp"
#include "options/model_selection.hpp"
#include "registry/registry.hpp"

namespace {

using namespace concur;

// Aborting is how a libFuzzer target reports a broken property.
void require(bool property) {
  if (!property) std::abort();
}

void require_one_clear_line(const std::exception& e) {
  const std::string line = printable(e.what());
  require(!line.empty());
  require(line.find('\n') == std::string::npos);
}

void fuzz_duration(const std::string& text) {
  try {
    const auto d = parse_duration(text);
    require(d.count() >= 0 && d <= std::chrono::hours(24));
    // What we print for a duration must read back as nearly the same duration.
    const auto again = parse_duration(format_duration(d));
    require(std::llabs(again.count() - d.count()) <= d.count() / 1000 + 1);
  } catch (const ParseError& e) {
    require_one_clear_line(e);
    require(std::string(e.what()).find("'" + text + "'") != std::string::npos);
  }
}

void fuzz_size(const std::string& text) {
  try {
    const auto bytes = parse_size(text);
    require(bytes >= 1 && bytes <= (64ull << 30));
    require(parse_size(format_size(bytes)) == bytes);
  } catch (const ParseError& e) {
    require_one_clear_line(e);
    require(std::string(e.what()).find("'" + text + "'") != std::string::npos);
  }
}

void fuzz_count(const std::string& text) {
  try {
    const auto n = parse_count(text, 1, 1'000'000, "--tasks");
    require(n >= 1 && n <= 1'000'000);
  } catch (const ParseError& e) {
    require_one_clear_line(e);
  }
}

void fuzz_list(const std::string& text) {
  try {
    for (const auto& item : parse_list(text, "--model")) {
      require(!item.empty());
      require(item.find(',') == std::string::npos);
      require(item.front() != ' ' && item.back() != ' ');
    }
  } catch (const ParseError& e) {
    require_one_clear_line(e);
  }
}

// Parses only: the action a command line stands for is never run here.
void parse(const std::vector<std::string>& args) {
  std::vector<const char*> argv{"concur-demo"};
  for (const auto& a : args) argv.push_back(a.c_str());
  (void)parse_command_line(static_cast<int>(argv.size()), argv.data(), 2);
}

void fuzz_model_names(const std::string& text) {
  try {
    const ModelSelection chosen = select_models(text, {});
    for (std::size_t i = 0; i < chosen.models.size(); ++i) {
      require(find_model(chosen.models[i]->name) == chosen.models[i]);
      for (std::size_t j = 0; j < i; ++j) require(chosen.models[i] != chosen.models[j]);
    }
    require(!chosen.models.empty() || !chosen.notes.empty());
  } catch (const UsageError& e) {
    require_one_clear_line(e);
  }
}

// Arguments separated by NUL bytes. Options naming files to write (-o, --trace, --svg) are left
// out: checking one creates (and removes) a file beside the named path, and a fuzzer must not
// write wherever its input points.
void fuzz_command_line(const std::string& text) {
  std::vector<std::string> args;
  for (std::size_t start = 0; start <= text.size();) {
    const auto end = std::min(text.find('\0', start), text.size());
    std::string arg = text.substr(start, end - start);
    const bool output = arg.rfind("--output", 0) == 0 || arg.rfind("--trace", 0) == 0 || arg.rfind("--svg", 0) == 0 ||
                        (arg.size() > 1 && arg[0] == '-' && arg[1] != '-' && arg.find('o') != std::string::npos);
    if (!output) args.push_back(std::move(arg));
    start = end + 1;
  }
  try {
    parse(args);
  } catch (const UsageError& e) {
    require_one_clear_line(e);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  // One command-line argument never holds a NUL byte: a single value ends at the first one.
  const std::string text = bytes.substr(0, bytes.find('\0'));
  switch (data[0] % 6) {
    case 0:
      fuzz_duration(text);
      break;
    case 1:
      fuzz_size(text);
      break;
    case 2:
      fuzz_count(text);
      break;
    case 3:
      fuzz_list(text);
      break;
    case 4:
      fuzz_model_names(text);
      break;
    default:
      fuzz_command_line(bytes);
      break;
  }
  return 0;
}
