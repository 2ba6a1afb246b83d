// The characters terminal output is drawn with. A terminal whose locale is not UTF-8 (LANG=C,
// a serial console, an old PuTTY) shows box drawing and ✓ as mojibake, so every writer meant for
// a terminal (table, timeline, sweep table and chart, count, explain, list, progress) draws with
// the one set chosen here: Unicode, or plain ASCII. Files meant for other programs (markdown,
// CSV, JSON, SVG) stay UTF-8 whatever the locale.
#pragma once

#include <string>
#include <string_view>

namespace concur {

/// What a terminal can show.
enum class Charset {
  utf8,  ///< any Unicode character (the locale's character set is UTF-8)
  ascii  ///< plain ASCII only: `-` rules, `ok`/`FAIL`, `us`, `x`
};

/// The glyphs a writer lays its output out with, chosen before anything is measured for width:
/// ok/FAIL are wider than ✓/✗, so a column must be sized from the glyph it will print.
struct Glyphs {
  Charset charset;           ///< which set this is
  std::string_view check;    ///< a verified row: ✓ or ok
  std::string_view cross;    ///< a failed row: ✗ or FAIL
  std::string_view rule;     ///< one column of a horizontal rule: ─ or -
  std::string_view warning;  ///< in front of a warning, after a noisy value: ⚠ or !
  std::string_view dot;      ///< between facts on one line: · or |
  std::string_view none;     ///< a cell with nothing to show: – or -
};

/// The glyphs of `charset`.
const Glyphs& glyphs_for(Charset charset);

/// The character set of this process's terminal: UTF-8 when nl_langinfo(CODESET) says so after
/// setlocale(LC_CTYPE, "") (LC_ALL, LC_CTYPE, LANG), else ASCII. Decided on the first call, the
/// same answer after; the process's locale is left as it was.
Charset terminal_charset();

/// The glyphs of terminal_charset().
const Glyphs& terminal_glyphs();

/// `text` (UTF-8) as `charset` can show it: unchanged for UTF-8; for ASCII each character this
/// tool prints has an ASCII stand-in (─ -, │ |, █ #, ░ -, ✓ ok, ✗ FAIL, µ u, × x, – -, — -,
/// · |, → >, ≈ ~, ⚠ !, … ..., braille dots . ' :), and any other character is written as
/// \uXXXX. Box drawing, blocks, braille and the narrow signs keep their width of one column, so
/// text already laid out (a timeline, a chart) stays aligned.
std::string in_charset(std::string_view text, Charset charset);

}  // namespace concur
