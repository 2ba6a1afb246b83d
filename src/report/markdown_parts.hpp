// Pieces every markdown output shares: cell escaping and the document header (tool, machine,
// build, warnings), so a sweep's markdown and a run's markdown open alike.
#pragma once

#include <string>
#include <string_view>

#include "core/results.hpp"

namespace concur {

/// `text` on one line with `|` escaped: safe inside a table cell and in running text.
std::string markdown_cell(std::string_view text);

/// "## concur-demo 0.1.0", the machine and build paragraphs, and each warning quoted.
std::string markdown_header(const Report& report);

}  // namespace concur
