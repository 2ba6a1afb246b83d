#include "report/charts/svg.hpp"

#include <cmath>

#include <fmt/format.h>

namespace concur {

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string svg_number(double value) {
  if (!std::isfinite(value)) return "0";
  std::string text = fmt::format("{:.2f}", value);
  text.erase(text.find_last_not_of('0') + 1);
  if (text.back() == '.') text.pop_back();
  return text == "-0" ? "0" : text;
}

SvgWriter::SvgWriter(double width, double height, SvgUse use) {
  const std::string view_box = fmt::format("0 0 {} {}", svg_number(width), svg_number(height));
  if (use == SvgUse::inline_html) {
    open("svg", {{"width", svg_number(width)}, {"height", svg_number(height)}, {"viewBox", view_box}, {"role", "img"}});
    return;
  }
  out_ = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  open("svg", {{"xmlns", "http://www.w3.org/2000/svg"},
               {"width", svg_number(width)},
               {"height", svg_number(height)},
               {"viewBox", view_box}});
}

void SvgWriter::start_tag(std::string_view tag, std::initializer_list<SvgAttribute> attributes, bool empty) {
  out_ += std::string(open_.size() * 2, ' ') + "<" + std::string(tag);
  for (const auto& [name, value] : attributes) out_ += fmt::format(" {}=\"{}\"", name, xml_escape(value));
  out_ += empty ? "/>\n" : ">";
}

void SvgWriter::open(std::string_view tag, std::initializer_list<SvgAttribute> attributes) {
  start_tag(tag, attributes, false);
  out_ += '\n';
  open_.emplace_back(tag);
}

void SvgWriter::close() {
  if (open_.empty()) return;
  const std::string tag = open_.back();
  open_.pop_back();
  out_ += std::string(open_.size() * 2, ' ') + "</" + tag + ">\n";
}

void SvgWriter::element(std::string_view tag, std::initializer_list<SvgAttribute> attributes) {
  start_tag(tag, attributes, true);
}

void SvgWriter::text_element(std::string_view tag, std::string_view text,
                             std::initializer_list<SvgAttribute> attributes) {
  start_tag(tag, attributes, false);
  out_ += xml_escape(text) + "</" + std::string(tag) + ">\n";
}

void SvgWriter::raw(std::string_view markup) { out_ += markup; }

std::string SvgWriter::finish() {
  while (!open_.empty()) close();
  return out_;
}

}  // namespace concur
