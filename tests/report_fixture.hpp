// The fixed report the reporter tests render, and readers that check a reporter's output
// independently of the writer.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "report/reporter.hpp"

namespace concur::test {

/// Two scenarios (sleep over four models, factorial over one) with every field a reporter shows.
Report fixed_report();

/// The report rendered in the named format at 100 columns.
std::string render(std::string_view format, const Report& report, bool color = false);

/// The text split at line breaks.
std::vector<std::string> lines_of(const std::string& text);

/// RFC 4180 records, read independently of the CSV writer.
std::vector<std::vector<std::string>> parse_csv(const std::string& text);

/// How many '|' in a Markdown line are cell separators (not escaped).
std::size_t unescaped_pipes(const std::string& line);

}  // namespace concur::test
