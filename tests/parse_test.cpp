#include <gtest/gtest.h>

#include "core/bytes_text.hpp"
#include "core/parse.hpp"

using namespace concur;
using namespace std::chrono_literals;

TEST(ParseDuration, AcceptsCommonUnits) {
  EXPECT_EQ(parse_duration("100ms"), 100ms);
  EXPECT_EQ(parse_duration("1s"), 1s);
  EXPECT_EQ(parse_duration("1.5s"), 1500ms);
  EXPECT_EQ(parse_duration("250us"), 250us);
  EXPECT_EQ(parse_duration("250µs"), 250us);
  EXPECT_EQ(parse_duration("2m"), 120s);
  EXPECT_EQ(parse_duration("1h"), 3600s);
  EXPECT_EQ(parse_duration("0ms"), 0ns);
  EXPECT_EQ(parse_duration(" 10ms "), 10ms);
}

TEST(ParseDuration, RejectsMalformedNegativeAndHuge) {
  for (const char* bad : {"", "100", "-1s", "10x", "ms", "999999h", "1e400s", "infs", "nan", "1..2s", "1.2.3s", "s1"})
    EXPECT_THROW(parse_duration(bad), ParseError) << bad;
}

TEST(ParseDuration, MessageNamesValueAndAcceptedForm) {
  try {
    parse_duration("10x");
    FAIL();
  } catch (const ParseError& e) {
    EXPECT_NE(std::string(e.what()).find("'10x'"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("100ms"), std::string::npos);
  }
}

TEST(ParseSize, AcceptsBinaryAndDecimalUnits) {
  EXPECT_EQ(parse_size("4MiB"), 4u << 20);
  EXPECT_EQ(parse_size("512KiB"), 512u << 10);
  EXPECT_EQ(parse_size("1GiB"), 1ull << 30);
  EXPECT_EQ(parse_size("4MB"), 4'000'000u);
  EXPECT_EQ(parse_size("4096"), 4096u);
  EXPECT_EQ(parse_size("4096B"), 4096u);
  EXPECT_EQ(parse_size("1.5KiB"), 1536u);
}

TEST(ParseSize, RejectsZeroNegativeHugeAndUnknownUnits) {
  for (const char* bad : {"", "0", "-1KiB", "1PiB", "4QB", "65GiB", "KiB", "1e3", "0.1B"})
    EXPECT_THROW(parse_size(bad), ParseError) << bad;
}

TEST(ParseCount, RangeAndForm) {
  EXPECT_EQ(parse_count("20", 1, 100, "--tasks"), 20);
  for (const char* bad : {"0", "-5", "abc", "1e12", "99999999999999999999", "", "12x", "101"})
    EXPECT_THROW(parse_count(bad, 1, 100, "--tasks"), ParseError) << bad;
}

TEST(ParseList, SplitsAndTrims) {
  EXPECT_EQ(parse_list("thread, async", "--model"), (std::vector<std::string>{"thread", "async"}));
  EXPECT_EQ(parse_list("fork", "--model"), (std::vector<std::string>{"fork"}));
  for (const char* bad : {"", ",", "a,", ",a", "a,,b"}) EXPECT_THROW(parse_list(bad, "--model"), ParseError) << bad;
}

TEST(Format, RoundTripsThroughParsers) {
  for (const auto d : {100ms, std::chrono::milliseconds(1500), std::chrono::milliseconds(2000)})
    EXPECT_EQ(parse_duration(format_duration(d)), d);
  for (const std::uint64_t s : {4ull << 20, 1536ull, 1ull << 30}) EXPECT_EQ(parse_size(format_size(s)), s);
  EXPECT_EQ(format_duration(100ms), "100ms");
  EXPECT_EQ(format_size(4u << 20), "4MiB");
}

TEST(FormatBytes, ShortUnitsForProse) {
  EXPECT_EQ(concur::format_bytes(61), "61 B");
  EXPECT_EQ(concur::format_bytes(1023), "1023 B");
  EXPECT_EQ(concur::format_bytes(277'800), "271 KiB");
  EXPECT_EQ(concur::format_bytes(197'105'316), "188.0 MiB");
  EXPECT_EQ(concur::format_bytes(std::uint64_t{3} << 30), "3.0 GiB");
}
