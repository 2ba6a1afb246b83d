// The comparison as an HTML page: the key of reports with their machines and commands, one
// table per scenario and setting, the legend, and what could not be compared.
#include <fmt/format.h>

#include "report/compare_report.hpp"
#include "report/html_page.hpp"

namespace concur {
namespace {

// Which report is which: letter, file and machine in a table; the commands that made them below
// it, in a block that wraps, so a long command line does not push the table off a projector.
std::string key_table(const Comparison& comparison) {
  const std::vector<std::string> headers{"report", "file", "machine"};
  std::vector<std::vector<std::string>> rows;
  std::string commands;
  for (std::size_t i = 0; i < comparison.names.size(); ++i) {
    rows.push_back({report_letter(i), comparison.names[i], machine_label(comparison.machines[i])});
    commands +=
        fmt::format("{}: {}\n", report_letter(i), comparison.commands[i].empty() ? "–" : comparison.commands[i]);
  }
  return html_table(headers, rows, {}) + "<p>the commands that made them:</p>\n<pre><code>" + html_escape(commands) +
         "</code></pre>\n";
}

std::string group_tables(const Comparison& comparison) {
  std::vector<std::string> headers{"model"};
  std::vector<bool> numeric{false};
  for (std::size_t i = 0; i < comparison.names.size(); ++i) {
    headers.push_back(report_letter(i) + ": " + machine_label(comparison.machines[i]));
    numeric.push_back(true);
  }
  std::string out;
  std::string heading;
  std::vector<std::vector<std::string>> rows;
  const auto flush = [&] {
    if (rows.empty()) return;
    out += fmt::format("<h2>{}</h2>\n", html_escape(heading)) + html_table(headers, rows, numeric);
    rows.clear();
  };
  for (const ComparedRow& row : comparison.rows) {
    const std::string group = row.scenario + " · " + row.setting;
    if (group != heading) {
      flush();
      heading = group;
    }
    std::vector<std::string> cells{row.model};
    for (std::size_t i = 0; i < row.cells.size(); ++i) cells.push_back(cell_text(row, i));
    rows.push_back(std::move(cells));
  }
  flush();
  return out;
}

}  // namespace

std::string comparison_html(const Comparison& comparison, std::string_view title, std::string_view command_line) {
  const std::string page_title =
      title.empty() ? fmt::format("concur-demo compare: {} reports", comparison.names.size()) : std::string(title);
  std::string body =
      fmt::format("<header>\n<h1>{}</h1>\n{}</header>\n", html_escape(page_title), key_table(comparison));
  body += group_tables(comparison);
  body += html_paragraph("muted", comparison_legend(comparison));
  if (!comparison.not_compared.empty()) {
    body += "<h2>Not compared</h2>\n<ul>\n";
    for (const std::string& line : comparison.not_compared) body += fmt::format("<li>{}</li>\n", html_escape(line));
    body += "</ul>\n";
  }
  body += fmt::format("<footer>\n{}</footer>\n", html_command(command_line));
  return html_page(page_title, body);
}

}  // namespace concur
