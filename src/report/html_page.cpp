#include "report/html_page.hpp"

#include <fmt/format.h>

#include "report/charts/svg.hpp"

namespace concur {
namespace {

// Large type and black on white for a projector; system fonts only (nothing to download); the
// pictures scale to the page; printing keeps their colours and keeps a figure on one page.
constexpr char kStyle[] = R"(
:root { color-scheme: light; }
body { margin: 0 auto; max-width: 1280px; padding: 24px 32px; background: #fff; color: #111;
  font: 20px/1.45 "DejaVu Sans", Helvetica, Arial, sans-serif; }
h1 { font-size: 34px; margin: 0 0 8px; }
h2 { font-size: 27px; margin: 40px 0 6px; padding-top: 12px; border-top: 3px solid #111; }
h3 { font-size: 22px; margin: 24px 0 6px; }
p { margin: 6px 0; }
.muted { color: #444; }
.warning { color: #8B0000; font-weight: bold; }
.note { color: #6B4400; }
.takeaway { font-size: 22px; background: #F2F2F2; border-left: 6px solid #0A4F8C; padding: 10px 14px; margin: 14px 0; }
table { border-collapse: collapse; margin: 12px 0; font-size: 18px; font-variant-numeric: tabular-nums; }
th, td { padding: 5px 9px; border-bottom: 1px solid #999; text-align: left; white-space: nowrap; }
th { border-bottom: 2px solid #111; white-space: normal; vertical-align: bottom; }
td.num, th.num { text-align: right; }
.scroll { overflow-x: auto; }
figure { margin: 16px 0; }
figure svg { max-width: 100%; height: auto; display: block; }
figcaption { color: #444; font-size: 18px; }
pre { background: #F2F2F2; padding: 10px 14px; white-space: pre-wrap; overflow-wrap: anywhere; font-size: 18px; }
ul { margin: 6px 0; padding-left: 28px; }
footer { margin-top: 40px; color: #444; font-size: 18px; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  h2 { break-before: auto; break-after: avoid; }
  figure, table, .takeaway { break-inside: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
)";

}  // namespace

std::string html_escape(std::string_view text) { return xml_escape(text); }

std::string html_page(std::string_view title, std::string_view body) {
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n{}</body>\n</html>\n",
      html_escape(title), kStyle, body);
}

std::string html_table(std::span<const std::string> headers, const std::vector<std::vector<std::string>>& rows,
                       const std::vector<bool>& numeric) {
  const auto cell = [&](std::string_view tag, std::size_t c, std::string_view text) {
    const bool right = c < numeric.size() && numeric[c];
    return fmt::format("<{0}{1}>{2}</{0}>", tag, right ? " class=\"num\"" : "", html_escape(text));
  };
  std::string out = "<div class=\"scroll\"><table>\n<thead><tr>";
  for (std::size_t c = 0; c < headers.size(); ++c) out += cell("th", c, headers[c]);
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& row : rows) {
    out += "<tr>";
    for (std::size_t c = 0; c < row.size(); ++c) out += cell("td", c, row[c]);
    out += "</tr>\n";
  }
  return out + "</tbody>\n</table></div>\n";
}

std::string html_paragraph(std::string_view css_class, std::string_view text) {
  if (css_class.empty()) return fmt::format("<p>{}</p>\n", html_escape(text));
  return fmt::format("<p class=\"{}\">{}</p>\n", css_class, html_escape(text));
}

std::string html_command(std::string_view command_line) {
  if (command_line.empty()) return {};
  return fmt::format("<p>Made with:</p>\n<pre><code>{}</code></pre>\n", html_escape(command_line));
}

}  // namespace concur
