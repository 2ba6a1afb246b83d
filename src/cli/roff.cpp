#include "cli/roff.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>

#include <fmt/format.h>

namespace concur {
namespace {

// Glyphs every groff output device has (tty included) for the characters our texts use; any
// other character becomes \[uXXXX], which the man-page lint test would flag on a device that
// lacks it.
constexpr std::array<std::pair<char32_t, std::string_view>, 17> kGlyphs{{
    {U'—', "\\(em"},
    {U'–', "\\(en"},
    {U'…', "..."},
    {U'×', "\\(mu"},
    {U'→', "\\(->"},
    {U'←', "\\(<-"},
    {U'≈', "\\(~~"},
    {U'≥', "\\(>="},
    {U'≤', "\\(<="},
    {U'µ', "u"},  // \(mc has no glyph on the ASCII terminal device
    {U'·', "\\(pc"},
    {U'“', "\\(lq"},
    {U'”', "\\(rq"},
    {U'‘', "\\(oq"},
    {U'’', "\\(cq"},
    {U'✓', "ok"},
    {U'✗', "FAIL"},
}};

// Decodes the UTF-8 sequence at text[i], advancing i; a malformed byte stands for itself.
char32_t next_code_point(std::string_view text, std::size_t& i) {
  const auto byte = static_cast<unsigned char>(text[i++]);
  int extra = 0;
  char32_t cp = byte;
  if ((byte & 0xE0U) == 0xC0U) {
    extra = 1;
    cp = byte & 0x1FU;
  } else if ((byte & 0xF0U) == 0xE0U) {
    extra = 2;
    cp = byte & 0x0FU;
  } else if ((byte & 0xF8U) == 0xF0U) {
    extra = 3;
    cp = byte & 0x07U;
  }
  for (; extra > 0 && i < text.size(); --extra) cp = (cp << 6U) | (static_cast<unsigned char>(text[i++]) & 0x3FU);
  return cp;
}

std::string flat(std::string_view text) {
  std::string out(text);
  std::replace(out.begin(), out.end(), '\n', ' ');
  return out;
}

}  // namespace

std::string roff_escape(std::string_view text) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (static_cast<unsigned char>(c) < 0x80U) {
      ++i;
      if (c == '\\') {
        out += "\\e";
      } else if (c == '-') {
        out += "\\-";
      } else if ((c == '.' || c == '\'') && (out.empty() || out.back() == '\n')) {
        out += "\\&";
        out += c;
      } else {
        out += c;
      }
      continue;
    }
    const char32_t cp = next_code_point(text, i);
    const auto it = std::find_if(kGlyphs.begin(), kGlyphs.end(), [&](const auto& g) { return g.first == cp; });
    out += it != kGlyphs.end() ? std::string(it->second) : fmt::format("\\[u{:04X}]", static_cast<std::uint32_t>(cp));
  }
  return out;
}

std::string roff_line(std::string_view text) { return roff_escape(flat(text)) + "\n"; }

std::string roff_bold(std::string_view text) { return fmt::format("\\fB{}\\fR", roff_escape(text)); }
std::string roff_italic(std::string_view text) { return fmt::format("\\fI{}\\fR", roff_escape(text)); }

std::string roff_placeholder(std::string_view value) {
  if (value.size() > 2 && value.front() == '<' && value.back() == '>') value = value.substr(1, value.size() - 2);
  return roff_italic(value);
}

}  // namespace concur
