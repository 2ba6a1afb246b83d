// `explain` as a user meets it: every model's, scenario's and lesson's own text, rewrapped to the
// terminal, and the lessons listed with the command that shows each.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <string_view>

#include "registry/lessons.hpp"
#include "registry/registry.hpp"
#include "run_binary.hpp"

using namespace concur;
using test::run_binary;
using test::slurp;

namespace {

// `text` with every run of spaces and line breaks made one space: explain rewraps the teaching
// texts to the terminal's width, so their words, not their line breaks, are what must match.
std::string words(std::string_view text) {
  std::string out;
  for (const char c : text) {
    const bool blank = c == ' ' || c == '\n';
    if (blank && (out.empty() || out.back() == ' ')) continue;
    out += blank ? ' ' : c;
  }
  return out;
}

TEST(Explain, PrintsEveryModelsAndScenariosOwnLessonFromItsSource) {
  std::string sources;
  for (const char* dir : {"src/models", "scenarios"})
    for (const auto& entry : std::filesystem::directory_iterator(std::string(CONCUR_SOURCE_DIR) + "/" + dir))
      if (entry.path().extension() == ".cpp") sources += slurp(entry.path().string());
  auto check = [&](std::string_view name, std::string_view lesson) {
    ASSERT_FALSE(lesson.empty()) << name;
    EXPECT_NE(sources.find(lesson), std::string::npos) << name << "'s lesson is not the text of a source file";
    const auto r = run_binary({"explain", std::string(name)});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(words(r.out).find(words(lesson)), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("See it: concur-demo"), std::string::npos) << r.out;
  };
  for (const auto& m : models()) {
    check(m.name, m.lesson);
    EXPECT_FALSE(m.guide.cost.empty() || m.guide.use_when.empty() || m.guide.demo.empty()) << m.name;
  }
  for (const auto& s : scenarios()) check(s.name, s.lesson);
}

TEST(Explain, AloneListsEveryLessonWithItsCommand) {
  const auto r = run_binary({"explain"});
  EXPECT_EQ(r.exit_code, 0);
  for (const auto& l : lessons()) {
    EXPECT_NE(r.out.find(l.name), std::string::npos) << l.name;
    EXPECT_NE(r.out.find(l.command), std::string::npos) << l.command;
    const auto one = run_binary({"explain", std::string(l.name)});
    EXPECT_NE(words(one.out).find(words(l.text)), std::string::npos) << l.name;
  }
}

}  // namespace
