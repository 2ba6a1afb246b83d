// A very small SVG writer: elements with escaped attributes and text, nothing else. Enough for
// a clean line chart whose source a teacher can still read and edit by hand.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace concur {

/// One attribute: name and (unescaped) value.
using SvgAttribute = std::pair<std::string_view, std::string>;

/// `text` with &, <, >, " and ' replaced by entities, safe in element text and attribute values.
std::string xml_escape(std::string_view text);

/// A coordinate or length with at most two decimals and no trailing zeros ("12.5", "40").
std::string svg_number(double value);

/// Where a picture goes: a file of its own, or inside an HTML page (no XML declaration and no
/// namespace: the HTML parser gives <svg> its namespace, and the page holds no URL at all).
enum class SvgUse { file, inline_html };

/// What a picture says beyond its data: the reader's title, and where it goes.
struct PictureOptions {
  std::string title;          ///< --title: replaces the picture's own title; empty: its own
  SvgUse use = SvgUse::file;  ///< a file of its own, or inline in HTML
};

/// Builds one SVG document, elements nested by open()/close().
class SvgWriter {
 public:
  /// Starts a document of `width` × `height` user units (also its viewBox).
  SvgWriter(double width, double height, SvgUse use = SvgUse::file);
  /// Opens a container element such as <g>.
  void open(std::string_view tag, std::initializer_list<SvgAttribute> attributes = {});
  /// Closes the innermost open element.
  void close();
  /// Writes an empty element such as <line/>.
  void element(std::string_view tag, std::initializer_list<SvgAttribute> attributes);
  /// Writes an element holding escaped `text`, such as <text> or <title>.
  void text_element(std::string_view tag, std::string_view text, std::initializer_list<SvgAttribute> attributes = {});
  /// Writes `markup` as it is: a fragment another writer made (already escaped).
  void raw(std::string_view markup);
  /// Closes every open element and returns the document.
  std::string finish();

 private:
  void start_tag(std::string_view tag, std::initializer_list<SvgAttribute> attributes, bool empty);
  std::string out_;
  std::vector<std::string> open_;
};

}  // namespace concur
