// The option table and the command layer: the table's own invariants, "did you mean", and the
// command line as a user meets it (help, --version, empty values, options a scenario does not use).
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "core/suggest.hpp"
#include "core/usage_error.hpp"
#include "options/option_table.hpp"
#include "registry/registry.hpp"
#include "run_binary.hpp"

using namespace concur;

TEST(OptionTable, EveryOptionIsWhole) {
  std::set<std::string_view> names;
  std::set<char> shorts;
  for (const OptionSpec& o : option_table()) {
    EXPECT_TRUE(names.insert(o.name).second) << "declared twice: " << o.name;
    if (o.short_name != 0) {
      EXPECT_TRUE(shorts.insert(o.short_name).second) << o.name;
    }
    EXPECT_NE(o.store, nullptr) << o.name;
    EXPECT_FALSE(o.help.empty()) << o.name;
    EXPECT_NE(o.commands, 0U) << o.name;
    if (o.kind == ValueKind::choice) {
      ASSERT_NE(o.choices, nullptr) << o.name;
    }
    if (o.kind == ValueKind::count) {
      EXPECT_LT(o.min, o.max) << o.name;
    }
    // A sweep axis needs a number to place the point at.
    if (!o.sweep_unit.empty()) {
      EXPECT_TRUE(o.kind == ValueKind::count || o.kind == ValueKind::duration || o.kind == ValueKind::size) << o.name;
    }
    // Every scenario an option names exists: a renamed scenario cannot leave an option behind.
    std::string_view list = o.scenarios;
    while (!list.empty()) {
      const auto space = list.find(' ');
      EXPECT_NE(find_scenario(list.substr(0, space)), nullptr) << o.name << " names " << list.substr(0, space);
      list = space == std::string_view::npos ? std::string_view() : list.substr(space + 1);
    }
  }
}

TEST(OptionTable, DefaultsAreValuesTheTableAccepts) {
  const Settings s = default_settings();
  EXPECT_EQ(s.repeat, 3);
  EXPECT_EQ(s.warmup, 1);
  EXPECT_EQ(s.models, "all");
  EXPECT_EQ(s.output.format, Format::table);
  EXPECT_EQ(s.sweep.metric, "wall");
  for (const OptionSpec& o : option_table())
    if (!o.default_text.empty() && o.kind != ValueKind::flag) {
      EXPECT_NO_THROW((void)parse_option_value(o, o.default_text)) << o.name;
    }
}

TEST(OptionTable, ValuesAreJudgedByKindAndRange) {
  const OptionSpec& tasks = *find_option("tasks");
  EXPECT_EQ(std::get<std::int64_t>(parse_option_value(tasks, "12")), 12);
  EXPECT_THROW((void)parse_option_value(tasks, "0"), UsageError);
  EXPECT_THROW((void)parse_option_value(tasks, ""), UsageError);
  const OptionSpec& cache = *find_option("cache");
  EXPECT_EQ(std::get<std::string>(parse_option_value(cache, "warm")), "warm");
  try {
    (void)parse_option_value(cache, "wram");
    ADD_FAILURE() << "accepted 'wram'";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("did you mean 'warm'?"), std::string::npos) << e.what();
  }
  EXPECT_EQ(value_placeholder(*find_option("delay")), "<DURATION>");
  EXPECT_EQ(option_flag(tasks), "-n, --tasks");
}

TEST(Suggest, NearestNameForTyposAndPrefixesOnly) {
  const std::vector<std::string_view> names{"sequential", "thread", "fork", "pool", "async", "fiber"};
  EXPECT_EQ(nearest_name("thred", names), "thread");
  EXPECT_EQ(nearest_name("thraed", names), "thread");  // two letters swapped: one edit
  EXPECT_EQ(nearest_name("asy", names), "async");      // a prefix
  EXPECT_EQ(nearest_name("Fiber", names), "fiber");    // case
  EXPECT_EQ(nearest_name("x", names), "");
  EXPECT_EQ(nearest_name("quantum", names), "");
  EXPECT_EQ(did_you_mean("pol", names), " (did you mean 'pool'?)");
  EXPECT_EQ(did_you_mean("", names), "");
}

namespace {

using concur::test::BinaryResult;
using concur::test::run_binary;

void expect_one_line_exit_2(const BinaryResult& r, const std::string& needle) {
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "not one line: " << r.err;
  EXPECT_NE(r.err.find(needle), std::string::npos) << r.err;
}

}  // namespace

TEST(CommandLine, VersionNamesToolCompilerAndBoost) {
  for (const char* flag : {"--version", "-V"}) {
    const BinaryResult r = run_binary({flag});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out.rfind("concur-demo " CONCUR_VERSION, 0), 0U) << r.out;
    EXPECT_NE(r.out.find("Boost 1."), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("g++"), std::string::npos) << r.out;
  }
}

TEST(CommandLine, ScenarioHelpShowsOnlyItsOptionsWithValueTypes) {
  const BinaryResult r = run_binary({"sleep", "--help"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* absent : {"--dir", "--factorial", "--size", "--cache", "--vary"})
    EXPECT_EQ(r.out.find(absent), std::string::npos) << absent << " in\n" << r.out;
  for (const char* present : {"--delay <DURATION>", "--tasks <N>", "--model <MODELS>", "--output <FILE>",
                              "--title <TEXT>", "Examples:", "Usage: concur-demo sleep"})
    EXPECT_NE(r.out.find(present), std::string::npos) << present << " not in\n" << r.out;
  const BinaryResult files = run_binary({"files", "--help"});
  EXPECT_NE(files.out.find("--dir <DIR>"), std::string::npos) << files.out;
  EXPECT_NE(files.out.find("--size <SIZE>"), std::string::npos) << files.out;
  EXPECT_EQ(files.out.find("--delay"), std::string::npos) << files.out;
}

TEST(CommandLine, AnOptionNoChosenScenarioUsesIsRefused) {
  expect_one_line_exit_2(run_binary({"sleep", "--dir", "/tmp"}), "--dir is not an option of sleep: only files");
  expect_one_line_exit_2(run_binary({"cpu", "--dir", "/tmp"}), "--dir is not an option of factorial");
  expect_one_line_exit_2(run_binary({"factorial", "--delay", "5s"}), "--delay is not an option of factorial");
  expect_one_line_exit_2(run_binary({"sleep", "--size", "1MiB"}), "--size is not an option of sleep");
  expect_one_line_exit_2(run_binary({"sweep", "sleep", "--vary", "tasks=1,2", "--factorial", "9"}),
                         "--factorial is not an option of sleep");
}

TEST(CommandLine, AnEmptyValueIsRefusedForEveryOption) {
  const std::vector<std::vector<std::string>> cases{{"sleep", "--tasks", ""},
                                                    {"sleep", "-n", ""},
                                                    {"sleep", "--delay", ""},
                                                    {"files", "--size", ""},
                                                    {"cpu", "--factorial", ""},
                                                    {"sleep", "-w", ""},
                                                    {"files", "--dir", ""},
                                                    {"sleep", "-o", ""},
                                                    {"sleep", "--trace", ""},
                                                    {"sleep", "--model", ""},
                                                    {"sleep", "--format", ""},
                                                    {"files", "--cache", ""},
                                                    {"sleep", "--repeat", ""},
                                                    {"sleep", "--warmup", ""},
                                                    {"explain", ""},
                                                    {"sweep", "sleep", "--vary", "tasks=1,2", "--svg", ""},
                                                    {"sweep", "sleep", "--vary", ""},
                                                    {"sweep", "sleep", "--vary", "tasks=1,2", "--metric", ""},
                                                    {"count", "--delay", ""}};
  for (const auto& args : cases) {
    SCOPED_TRACE(args[args.size() - 2]);
    expect_one_line_exit_2(run_binary(args), "''");
  }
}

TEST(CommandLine, UnknownNamesSuggestTheNearest) {
  expect_one_line_exit_2(run_binary({"slep"}), "did you mean 'sleep'?");
  expect_one_line_exit_2(run_binary({"sleep", "--model", "thred"}), "did you mean 'thread'?");
  expect_one_line_exit_2(run_binary({"explain", "asyn"}), "did you mean 'async'?");
  expect_one_line_exit_2(run_binary({"sweep", "fils", "--vary", "tasks=1,2"}), "did you mean 'files'?");
}

TEST(CommandLine, AnOptionGivenTwiceIsRefused) {
  expect_one_line_exit_2(run_binary({"sleep", "--tasks", "5", "--tasks", "6"}), "--tasks is given 2 times");
}
