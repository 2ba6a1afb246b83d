// Reading UTF-8 one code point at a time, for the code that decides how text shows on a
// terminal (its width, its escapes, its ASCII stand-ins). Invalid input is reported, not guessed
// at: a byte that is not UTF-8 is shown as itself, escaped.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace concur {

/// One decoded code point and how many bytes it took.
struct CodePoint {
  char32_t code;       ///< the code point
  std::size_t length;  ///< its bytes in the input, 1 to 4
};

/// The code point that starts at byte `at` of `text`, or nullopt when the bytes there are not
/// UTF-8 (a stray continuation byte, a truncated or overlong sequence, a surrogate, above U+10FFFF).
inline std::optional<CodePoint> decode_utf8(std::string_view text, std::size_t at) {
  const auto lead = static_cast<unsigned char>(text[at]);
  if (lead < 0x80) return CodePoint{.code = lead, .length = 1};
  std::size_t length = 0;
  char32_t code = 0;
  char32_t smallest = 0;  // below this the sequence is overlong
  if ((lead & 0xE0U) == 0xC0) {
    length = 2;
    code = lead & 0x1FU;
    smallest = 0x80;
  } else if ((lead & 0xF0U) == 0xE0) {
    length = 3;
    code = lead & 0x0FU;
    smallest = 0x800;
  } else if ((lead & 0xF8U) == 0xF0) {
    length = 4;
    code = lead & 0x07U;
    smallest = 0x10000;
  } else {
    return std::nullopt;
  }
  if (at + length > text.size()) return std::nullopt;
  for (std::size_t i = 1; i < length; ++i) {
    const auto next = static_cast<unsigned char>(text[at + i]);
    if ((next & 0xC0U) != 0x80) return std::nullopt;
    code = (code << 6U) | (next & 0x3FU);
  }
  if (code < smallest || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return std::nullopt;
  return CodePoint{.code = code, .length = length};
}

}  // namespace concur
