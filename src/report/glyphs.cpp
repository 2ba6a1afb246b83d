#include "report/glyphs.hpp"

#include <langinfo.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <clocale>
#include <cstdint>

#include <fmt/format.h>

#include "report/utf8.hpp"

namespace concur {
namespace {

constexpr Glyphs kUnicode{
    .charset = Charset::utf8, .check = "✓", .cross = "✗", .rule = "─", .warning = "⚠", .dot = "·", .none = "–"};
constexpr Glyphs kAscii{
    .charset = Charset::ascii, .check = "ok", .cross = "FAIL", .rule = "-", .warning = "!", .dot = "|", .none = "-"};

struct StandIn {
  char32_t code;
  std::string_view ascii;
};

// Sorted by code point (binary search). Every glyph the tool draws has one; the box drawing,
// blocks, arrows and narrow signs map to one column each, so laid-out lines keep their shape.
// The sparkline's eighths become a density ramp: a higher bar is a denser character.
constexpr std::array<StandIn, 48> kStandIns{{
    {0x00A0, " "}, {0x00B5, "u"}, {0x00B7, "|"},  {0x00D7, "x"},  {0x2010, "-"},    {0x2013, "-"},   {0x2014, "-"},
    {0x2018, "'"}, {0x2019, "'"}, {0x201C, "\""}, {0x201D, "\""}, {0x2022, "*"},    {0x2026, "..."}, {0x2190, "<"},
    {0x2192, ">"}, {0x2212, "-"}, {0x2248, "~"},  {0x2264, "<="}, {0x2265, ">="},   {0x2500, "-"},   {0x2502, "|"},
    {0x250C, "+"}, {0x2510, "+"}, {0x2514, "+"},  {0x2518, "+"},  {0x251C, "+"},    {0x2524, "+"},   {0x252C, "+"},
    {0x2534, "+"}, {0x253C, "+"}, {0x2581, "."},  {0x2582, ":"},  {0x2583, "-"},    {0x2584, "="},   {0x2585, "+"},
    {0x2586, "*"}, {0x2587, "%"}, {0x2588, "#"},  {0x2591, "-"},  {0x25A0, "x"},    {0x25B2, "^"},   {0x25C6, "*"},
    {0x25CF, "o"}, {0x2605, "@"}, {0x26A0, "!"},  {0x2713, "ok"}, {0x2717, "FAIL"}, {0x271A, "+"},
}};
static_assert(std::is_sorted(kStandIns.begin(), kStandIns.end(),
                             [](const StandIn& a, const StandIn& b) { return a.code < b.code; }));

// Braille (U+2800–28FF, the sweep chart's dots): dots in the upper half read as ', in the lower
// half as ., in both as :, so a line keeps its rough height.
std::string braille_stand_in(char32_t code) {
  const auto dots = static_cast<std::uint8_t>(code - 0x2800);
  const bool upper = (dots & 0x1BU) != 0;  // dots 1, 2, 4, 5
  const bool lower = (dots & 0xE4U) != 0;  // dots 3, 6, 7, 8
  return upper && lower ? ":" : upper ? "'" : lower ? "." : " ";
}

std::string ascii_stand_in(char32_t code) {
  const auto* found = std::lower_bound(kStandIns.begin(), kStandIns.end(), code,
                                       [](const StandIn& s, char32_t c) { return s.code < c; });
  if (found != kStandIns.end() && found->code == code) return std::string(found->ascii);
  if (code >= 0x2800 && code <= 0x28FF) return braille_stand_in(code);
  return fmt::format("\\u{:04x}", static_cast<std::uint32_t>(code));
}

bool names_utf8(std::string_view codeset) {
  std::string lower;
  for (const char c : codeset)
    if (c != '-' && c != '_') lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower == "utf8";
}

Charset probe_charset() {
  // setlocale changes the whole process; take the environment's LC_CTYPE only long enough to ask
  // for its character set, then put back what was there (the "C" locale at start-up).
  const char* previous = std::setlocale(LC_CTYPE, nullptr);
  const std::string saved = previous != nullptr ? previous : "C";
  const bool utf8 = std::setlocale(LC_CTYPE, "") != nullptr && names_utf8(nl_langinfo(CODESET));
  std::setlocale(LC_CTYPE, saved.c_str());
  return utf8 ? Charset::utf8 : Charset::ascii;
}

}  // namespace

const Glyphs& glyphs_for(Charset charset) { return charset == Charset::ascii ? kAscii : kUnicode; }

Charset terminal_charset() {
  static const Charset chosen = probe_charset();
  return chosen;
}

const Glyphs& terminal_glyphs() { return glyphs_for(terminal_charset()); }

std::string in_charset(std::string_view text, Charset charset) {
  if (charset == Charset::utf8) return std::string(text);
  std::string out;
  out.reserve(text.size());
  for (std::size_t at = 0; at < text.size();) {
    const auto decoded = decode_utf8(text, at);
    if (!decoded) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(text[at]));
      ++at;
      continue;
    }
    if (decoded->code < 0x80)
      out += static_cast<char>(decoded->code);
    else
      out += ascii_stand_in(decoded->code);
    at += decoded->length;
  }
  return out;
}

}  // namespace concur
