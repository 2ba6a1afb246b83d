#include "report/terminal_text.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <utility>

#include <fmt/format.h>

#include "report/utf8.hpp"

namespace concur {
namespace {

// Characters that change how the terminal shows what follows them rather than showing
// themselves: the bidirectional embeddings, overrides and isolates ("Trojan source").
bool reorders_text(char32_t c) { return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069); }

// East Asian wide and fullwidth ranges (Unicode's EastAsianWidth W and F, coarsened to blocks),
// and the emoji most terminals draw two columns wide.
constexpr std::array<std::pair<char32_t, char32_t>, 12> kWide{{
    {0x1100, 0x115F},
    {0x2E80, 0x303E},
    {0x3041, 0x33FF},
    {0x3400, 0x4DBF},
    {0x4E00, 0x9FFF},
    {0xA000, 0xA4CF},
    {0xAC00, 0xD7A3},
    {0xF900, 0xFAFF},
    {0xFE30, 0xFE4F},
    {0xFF00, 0xFF60},
    {0x1F300, 0x1FAFF},
    {0x20000, 0x3FFFD},
}};

std::size_t columns_of(char32_t c) {
  // Combining marks sit on the character before them; the zero-width joiner and space too.
  if ((c >= 0x0300 && c <= 0x036F) || (c >= 0x200B && c <= 0x200F) || c == 0xFE0F) return 0;
  if (c == 0x3000 || (c >= 0xFFE0 && c <= 0xFFE6)) return 2;
  for (const auto& [first, last] : kWide)
    if (c >= first && c <= last) return 2;
  return 1;
}

// A word cut into pieces of at most `room` columns, at character boundaries.
std::vector<std::string> cut_word(std::string_view word, std::size_t room) {
  std::vector<std::string> pieces(1);
  std::size_t used = 0;
  for (std::size_t at = 0; at < word.size();) {
    const auto decoded = decode_utf8(word, at);
    const std::size_t length = decoded ? decoded->length : 1;
    const std::size_t columns = decoded ? columns_of(decoded->code) : 1;
    if (used + columns > room && used > 0) {
      pieces.emplace_back();
      used = 0;
    }
    pieces.back() += word.substr(at, length);
    used += columns;
    at += length;
  }
  return pieces;
}

}  // namespace

std::string single_line(std::string_view text) {
  std::string line;
  line.reserve(text.size());
  for (std::size_t at = 0; at < text.size();) {
    const char c = text[at];
    if (c == '\r' && at + 1 < text.size() && text[at + 1] == '\n') {  // CRLF is one break
      ++at;
      continue;
    }
    const auto decoded = decode_utf8(text, at);
    if (!decoded) {
      line += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
      ++at;
      continue;
    }
    const char32_t code = decoded->code;
    if (c == '\n' || c == '\r' || c == '\t')
      line += ' ';
    else if (code < 0x20 || code == 0x7F)
      line += fmt::format("\\x{:02x}", static_cast<unsigned>(code));
    else if ((code >= 0x80 && code <= 0x9F) || reorders_text(code))
      line += fmt::format("\\u{:04x}", static_cast<std::uint32_t>(code));
    else
      line += text.substr(at, decoded->length);
    at += decoded->length;
  }
  return line;
}

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (std::size_t at = 0; at < text.size();) {
    const auto decoded = decode_utf8(text, at);
    width += decoded ? columns_of(decoded->code) : 1;
    at += decoded ? decoded->length : 1;
  }
  return width;
}

namespace {

// A unit that reads as part of the number before it ("61 B", "107 ms"), trailing punctuation aside.
bool is_unit(std::string_view word) {
  while (!word.empty() && std::string_view(",.;:)").find(word.back()) != std::string_view::npos) word.remove_suffix(1);
  constexpr std::array<std::string_view, 14> kUnits{"B",  "KiB", "MiB", "GiB", "TiB", "ns", "µs",
                                                    "us", "ms",  "s",   "min", "h",   "%",  "cores"};
  return std::find(kUnits.begin(), kUnits.end(), word) != kUnits.end();
}

bool ends_in_digit(std::string_view word) {
  return !word.empty() && std::isdigit(static_cast<unsigned char>(word.back())) != 0;
}

}  // namespace

std::vector<std::string> wrap_words(std::string_view text, std::size_t indent, int width) {
  std::vector<std::string> lines;
  const std::size_t limit = width > 0 ? static_cast<std::size_t>(width) : 0;
  const std::size_t room = limit > indent ? limit - indent : 1;
  std::string line;
  std::size_t used = indent;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    // A figure and its unit stay on one line: a note never ends a line with "61" and begins
    // the next with "B".
    while (end < text.size() && ends_in_digit(text.substr(start, end - start))) {
      std::size_t next = text.find(' ', end + 1);
      if (next == std::string_view::npos) next = text.size();
      if (!is_unit(text.substr(end + 1, next - end - 1))) break;
      end = next;
    }
    const std::string_view whole = text.substr(start, end - start);
    start = end + 1;
    if (whole.empty()) continue;
    const auto pieces =
        limit > 0 && display_width(whole) > room ? cut_word(whole, room) : std::vector<std::string>{std::string(whole)};
    for (const std::string& word : pieces) {
      const std::size_t word_width = display_width(word);
      if (!line.empty() && limit > 0 && used + 1 + word_width > limit) {
        lines.push_back(line);
        line.clear();
        used = indent;
      }
      if (!line.empty()) {
        line += ' ';
        ++used;
      }
      line += word;
      used += word_width;
    }
  }
  if (!line.empty()) lines.push_back(line);
  return lines;
}

std::string cut_to_width(std::string_view text, std::size_t width) {
  if (display_width(text) <= width) return std::string(text);
  return cut_word(text, width).front();
}

std::string pad(std::string_view text, std::size_t width, Align align) {
  const std::size_t used = display_width(text);
  if (used >= width) return std::string(text);
  const std::string fill(width - used, ' ');
  return align == Align::left ? std::string(text) + fill : fill + std::string(text);
}

std::string hanging_paragraph(std::string_view prefix, std::string_view text, int width) {
  const std::size_t indent = display_width(prefix);
  std::string out;
  const auto lines = wrap_words(single_line(text), indent, width);
  for (std::size_t i = 0; i < lines.size(); ++i)
    out += (i == 0 ? std::string(prefix) : std::string(indent, ' ')) + lines[i] + '\n';
  return out;
}

}  // namespace concur
