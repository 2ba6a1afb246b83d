// Reading the HTML and SVG the tool writes the way a browser would have to: tags that balance,
// attribute values, element texts. Enough to test structure without comparing bytes that change
// with every measurement.
#pragma once

#include <algorithm>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace concur::test {

/// What is wrong with the nesting of `text`'s tags ("unclosed <g>", "</td> closes <tr>"), or ""
/// when every element opened is closed in order. Declarations (<!…>, <?…?>), the void <meta>
/// and the contents of <style> are skipped.
inline std::string tag_problems(std::string_view text) {
  std::vector<std::string> open;
  for (std::size_t at = text.find('<'); at != std::string_view::npos; at = text.find('<', at + 1)) {
    const std::size_t end = text.find('>', at);
    if (end == std::string_view::npos) return "a tag never ends";
    const std::string_view tag = text.substr(at + 1, end - at - 1);
    if (tag.empty() || tag[0] == '!' || tag[0] == '?') continue;
    const bool closing = tag[0] == '/';
    const bool empty = tag.back() == '/';
    const std::string name(
        tag.substr(closing ? 1 : 0, tag.find_first_of(" />\n", closing ? 1 : 0) - (closing ? 1 : 0)));
    if (name == "meta") continue;
    if (closing) {
      if (open.empty()) return "</" + name + "> closes nothing";
      if (open.back() != name) return "</" + name + "> closes <" + open.back() + ">";
      open.pop_back();
    } else if (!empty) {
      open.push_back(name);
      if (name == "style") {
        at = text.find("</style>", end);
        if (at == std::string_view::npos) return "unclosed <style>";
        --at;
      }
    }
  }
  return open.empty() ? "" : "unclosed <" + open.back() + ">";
}

/// Every value of the attribute `name` in `text`, in order.
inline std::vector<std::string> attribute_values(std::string_view text, std::string_view name) {
  std::vector<std::string> values;
  const std::string key = std::string(" ").append(name).append("=\"");
  for (auto at = text.find(key); at != std::string_view::npos; at = text.find(key, at + 1)) {
    const auto start = at + key.size();
    values.emplace_back(text.substr(start, text.find('"', start) - start));
  }
  return values;
}

/// The text between <tag…> and </tag> of every such element (no nesting of the same tag).
inline std::vector<std::string> element_texts(std::string_view text, std::string_view tag) {
  std::vector<std::string> texts;
  const std::string open = "<" + std::string(tag), close = "</" + std::string(tag) + ">";
  for (auto at = text.find(open); at != std::string_view::npos; at = text.find(open, at + 1)) {
    const char next = text[at + open.size()];
    if (next != '>' && next != ' ') continue;
    const auto start = text.find('>', at) + 1;
    texts.emplace_back(text.substr(start, text.find(close, start) - start));
  }
  return texts;
}

/// How many times `what` occurs in `text`.
inline std::size_t occurrences(std::string_view text, std::string_view what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string_view::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

/// The smallest font-size attribute in `svg` (px), or a large number when there is none.
inline double smallest_font(std::string_view svg) {
  double smallest = 1e9;
  for (const std::string& size : attribute_values(svg, "font-size"))
    smallest = std::min(smallest, std::atof(size.c_str()));
  return smallest;
}

}  // namespace concur::test
