// The frame every HTML page of the tool shares (the report of a run, a sweep, a comparison): one
// self-contained document, its style inline, no script, no font, no image and no address of
// anywhere else, so it opens from a USB stick in a classroom without a network, reads on a
// projector (large type, high contrast) and prints. Everything from outside is escaped.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace concur {

/// `text` with &, <, >, " and ' as entities: safe in HTML text and in attribute values.
std::string html_escape(std::string_view text);

/// The whole page: doctype, character set, viewport, `title` (escaped), the style, then `body`
/// (markup, already escaped by whoever made it).
std::string html_page(std::string_view title, std::string_view body);

/// A table of `rows` under `headers`, every cell escaped; a column whose `numeric` entry is true
/// is right-aligned, so numbers line up on their last digit.
std::string html_table(std::span<const std::string> headers, const std::vector<std::vector<std::string>>& rows,
                       const std::vector<bool>& numeric);

/// `<p class="…">text</p>` with `text` escaped.
std::string html_paragraph(std::string_view css_class, std::string_view text);

/// The command line that made the page, in a block a reader can copy.
std::string html_command(std::string_view command_line);

}  // namespace concur
