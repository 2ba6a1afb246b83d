// Text on a terminal: escaping what comes from outside, widths, wrapping, and the ASCII glyph
// set a terminal that is not UTF-8 gets.
#include <gtest/gtest.h>

#include <algorithm>

#include <string>

#include "report/glyphs.hpp"
#include "report/terminal_text.hpp"

namespace concur {
namespace {

bool all_ascii(std::string_view text) {
  for (const char c : text)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

TEST(SingleLine, EscapesWhatCouldDriveTheTerminal) {
  EXPECT_EQ(single_line("a\nb\tc\r\nd"), "a b c d");
  EXPECT_EQ(single_line("evil\x1b[31mRED"), "evil\\x1b[31mRED");
  EXPECT_EQ(single_line(std::string("nul\0here", 8)), "nul\\x00here");
  EXPECT_EQ(single_line("bell\x07 del\x7f"), "bell\\x07 del\\x7f");
  EXPECT_EQ(single_line("csi\xc2\x9b"
                        "31m"),
            "csi\\u009b31m");  // C1 control in UTF-8
  EXPECT_EQ(single_line("rtl\xe2\x80\xae"
                        "gnp.exe"),
            "rtl\\u202egnp.exe");                               // right-to-left override
  EXPECT_EQ(single_line("latin1 caf\xe9"), "latin1 caf\\xe9");  // not UTF-8
  EXPECT_EQ(single_line("\xe2\x9c"), "\\xe2\\x9c");             // a cut sequence
  EXPECT_EQ(single_line("\xc0\xaf"), "\\xc0\\xaf");             // overlong '/'
  // What is fine stays as it is.
  EXPECT_EQ(single_line("2.001–2.006 s ✓ µs × 名前"), "2.001–2.006 s ✓ µs × 名前");
  EXPECT_EQ(single_line("async").find('\x1b'), std::string::npos);
}

TEST(DisplayWidth, CountsColumnsNotBytes) {
  EXPECT_EQ(display_width("✓"), 1u);
  EXPECT_EQ(display_width("850 µs"), 6u);
  EXPECT_EQ(display_width("名前"), 4u);       // East Asian wide
  EXPECT_EQ(display_width("e\xcc\x81"), 1u);  // e + combining acute
  EXPECT_EQ(display_width("\xff"), 1u);       // a stray byte shows as one replacement character
}

TEST(WrapWords, NoLineWiderThanTheWidthEvenForALongPath) {
  const std::string path = "/srv/" + std::string(150, 'x') + "/file.bin";
  const auto lines = wrap_words("cannot read " + path + " now", 4, 40);
  ASSERT_GE(lines.size(), 4u);
  for (const std::string& line : lines) EXPECT_LE(display_width(line) + 4, 40u) << line;
  std::string joined;
  for (const std::string& line : lines) joined += line;
  EXPECT_NE(joined.find(std::string(150, 'x')), std::string::npos);  // cut, not lost
  // Wide characters are cut by columns.
  for (const std::string& line : wrap_words(std::string(30, 'a') + "名前名前名前名前", 0, 20))
    EXPECT_LE(display_width(line), 20u) << line;
}

TEST(WrapWords, AFigureKeepsItsUnitOnItsLine) {
  // Each line has room for "moved 61" but not for "moved 61 B,": the figure moves down whole.
  const auto lines = wrap_words("moved 61 B, launch 107 ms) and 3 tasks", 0, 9);
  for (const std::string& line : lines) {
    EXPECT_NE(line.back(), '1') << line;
    EXPECT_NE(line.rfind("B,", 0), 0u) << line;
    EXPECT_NE(line.rfind("ms)", 0), 0u) << line;
  }
  EXPECT_NE(std::find(lines.begin(), lines.end(), "61 B,"), lines.end());
  EXPECT_NE(std::find(lines.begin(), lines.end(), "107 ms)"), lines.end());
  // A number before an ordinary word still breaks there.
  EXPECT_EQ(wrap_words("3 tasks", 0, 5), (std::vector<std::string>{"3", "tasks"}));
}

TEST(CutToWidth, KeepsWholeCharactersWithinTheWidth) {
  EXPECT_EQ(cut_to_width("measuring sleep · thread", 17), "measuring sleep ·");
  EXPECT_EQ(cut_to_width("short", 80), "short");
  EXPECT_EQ(cut_to_width("名前名前", 5), "名前");
}

TEST(Glyphs, AsciiSetPrintsNoByteAboveSeven) {
  const Glyphs& ascii = glyphs_for(Charset::ascii);
  EXPECT_EQ(ascii.check, "ok");
  EXPECT_EQ(ascii.cross, "FAIL");
  EXPECT_EQ(ascii.rule, "-");
  for (const std::string_view g : {ascii.check, ascii.cross, ascii.rule, ascii.warning, ascii.dot, ascii.none})
    EXPECT_TRUE(all_ascii(g)) << g;
  const Glyphs& unicode = glyphs_for(Charset::utf8);
  EXPECT_EQ(unicode.check, "✓");
  EXPECT_EQ(unicode.rule, "─");
}

TEST(Glyphs, InCharsetGivesEveryDrawnCharacterAnAsciiStandIn) {
  EXPECT_EQ(in_charset("850 µs · 19.8× · 2.001–2.006 s — ok ✓ ✗ ⚠ → ≈ …", Charset::ascii),
            "850 us | 19.8x | 2.001-2.006 s - ok ok FAIL ! > ~ ...");
  EXPECT_EQ(in_charset("│█░▁▂▃▄▅▆▇█│ ┤┬└─", Charset::ascii), "|#-.:-=+*%#| +++-");
  EXPECT_EQ(in_charset("● ■ ▲ ◆ ★ ✚", Charset::ascii), "o x ^ * @ +");
  // Braille dots keep their rough height: upper ', lower ., both :.
  EXPECT_EQ(in_charset("\u2800\u2801\u2840\u28ff", Charset::ascii), " '.:");
  // Anything else is named, never passed through.
  EXPECT_EQ(in_charset("名", Charset::ascii), "\\u540d");
  EXPECT_EQ(in_charset("\xff", Charset::ascii), "\\xff");
  // UTF-8 terminals get the text unchanged.
  EXPECT_EQ(in_charset("✓ µs", Charset::utf8), "✓ µs");
}

TEST(Glyphs, StandInsOfLaidOutGlyphsKeepTheirWidth) {
  // A timeline or chart is laid out before it is converted: each of these is one column either way.
  for (const std::string_view glyph : {"─", "│", "█", "░", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "┤", "┬", "└",     "·",
                                       "→", "µ", "×", "–", "—", "●", "■", "▲", "◆", "★", "✚", "⚠", "≈", "\u2812"})
    EXPECT_EQ(display_width(in_charset(glyph, Charset::ascii)), 1u) << glyph;
}

}  // namespace
}  // namespace concur
