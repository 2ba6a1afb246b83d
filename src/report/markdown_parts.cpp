#include "report/markdown_parts.hpp"

#include <fmt/format.h>

#include "report/remarks.hpp"
#include "report/units.hpp"

namespace concur {

std::string markdown_cell(std::string_view text) {
  // A raw `|` would end the cell early; a line break would end the table.
  std::string escaped;
  for (char c : single_line(text)) {
    if (c == '|') escaped += '\\';
    escaped += c;
  }
  return escaped;
}

std::string markdown_header(const Report& report) {
  std::string text;
  std::string title = report.tool;
  if (!report.version.empty()) title += " " + report.version;
  text += fmt::format("## {}\n", single_line(title));
  // Machine and build as paragraphs; warnings quoted so they stand out.
  const std::string where = machine_summary(report.machine);
  if (!where.empty()) text += fmt::format("\n{}\n", markdown_cell(where));
  const std::string build = build_summary(report.machine);
  if (!build.empty()) text += fmt::format("\nBuilt: {}\n", markdown_cell(build));
  for (const std::string& warning : report.machine.warnings)
    text += fmt::format("\n> {} {}\n", kWarningSign, markdown_cell(warning));
  return text;
}

}  // namespace concur
