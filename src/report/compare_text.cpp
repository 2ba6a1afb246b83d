// The comparison as text: the terminal table and markdown share the key, the groups and the
// cells; only the framing differs.
#include <algorithm>
#include <iterator>

#include <fmt/format.h>

#include "report/compare_report.hpp"
#include "report/markdown_parts.hpp"
#include "report/remarks.hpp"
#include "report/units.hpp"

namespace concur {
namespace {

// The rows of one scenario at one setting.
struct Group {
  std::string heading;
  std::vector<const ComparedRow*> rows;
};

std::vector<Group> groups_of(const Comparison& comparison) {
  std::vector<Group> groups;
  for (const ComparedRow& row : comparison.rows) {
    const std::string heading = row.scenario + " · " + row.setting;
    if (groups.empty() || groups.back().heading != heading) groups.push_back(Group{.heading = heading, .rows = {}});
    groups.back().rows.push_back(&row);
  }
  return groups;
}

std::vector<std::string> header_of(const Comparison& comparison) {
  std::vector<std::string> header{"model"};
  for (std::size_t i = 0; i < comparison.names.size(); ++i) header.push_back(report_letter(i));
  return header;
}

std::vector<std::string> cells_of(const Comparison& comparison, const ComparedRow& row) {
  std::vector<std::string> cells{single_line(row.model)};
  for (std::size_t i = 0; i < comparison.names.size(); ++i) cells.push_back(cell_text(row, i));
  return cells;
}

// The key: which letter is which report, its machine and what made it.
std::vector<std::string> key_lines(const Comparison& comparison) {
  std::vector<std::string> lines;
  for (std::size_t i = 0; i < comparison.names.size(); ++i) {
    lines.push_back(single_line(
        fmt::format("{}  {} — {}", report_letter(i), comparison.names[i], machine_label(comparison.machines[i]))));
    if (!comparison.commands[i].empty()) lines.push_back(single_line("   made with: " + comparison.commands[i]));
  }
  return lines;
}

std::string table_text(const Comparison& comparison, const RenderOptions& options) {
  std::string text = fmt::format("compare: {} reports, each read against A\n", comparison.names.size());
  for (const std::string& line : key_lines(comparison)) text += line + '\n';
  const std::vector<std::string> header = header_of(comparison);
  for (const Group& group : groups_of(comparison)) {
    std::vector<std::vector<std::string>> rows{header};
    for (const ComparedRow* row : group.rows) rows.push_back(cells_of(comparison, *row));
    std::vector<std::size_t> widths(header.size(), 0);
    for (const auto& cells : rows)
      for (std::size_t c = 0; c < cells.size(); ++c) widths[c] = std::max(widths[c], display_width(cells[c]));
    text += '\n' + single_line(group.heading) + '\n';
    for (const auto& cells : rows) {
      std::string line;
      for (std::size_t c = 0; c < cells.size(); ++c)
        line += (c == 0 ? "" : "  ") + pad(cells[c], widths[c], c == 0 ? Align::left : Align::right);
      text += line + '\n';
    }
  }
  text += '\n';
  for (const std::string& line : wrap_words(comparison_legend(comparison), 0, options.width)) text += line + '\n';
  for (const std::string& line : comparison.not_compared)
    for (const std::string& wrapped : wrap_words("not compared: " + line, 0, options.width)) text += wrapped + '\n';
  return text;
}

std::string markdown_text(const Comparison& comparison) {
  std::string text = fmt::format("## compare: {} reports, each read against A\n\n", comparison.names.size());
  for (std::size_t i = 0; i < comparison.names.size(); ++i) {
    text += fmt::format("- **{}** `{}` — {}", report_letter(i), markdown_cell(comparison.names[i]),
                        markdown_cell(machine_label(comparison.machines[i])));
    if (!comparison.commands[i].empty())
      text += fmt::format(" (made with `{}`)", markdown_cell(comparison.commands[i]));
    text += '\n';
  }
  const std::vector<std::string> header = header_of(comparison);
  const auto line = [](const std::vector<std::string>& cells) {
    std::string out = "|";
    for (const std::string& c : cells) out += fmt::format(" {} |", markdown_cell(c));
    return out + '\n';
  };
  for (const Group& group : groups_of(comparison)) {
    text += fmt::format("\n### {}\n\n", markdown_cell(group.heading)) + line(header);
    std::vector<std::string> rule{"---"};
    rule.resize(header.size(), "---:");
    text += line(rule);
    for (const ComparedRow* row : group.rows) text += line(cells_of(comparison, *row));
  }
  text += fmt::format("\n{}\n", markdown_cell(comparison_legend(comparison)));
  for (const std::string& missing : comparison.not_compared)
    text += fmt::format("\n- not compared: {}", markdown_cell(missing));
  return comparison.not_compared.empty() ? text : text + '\n';
}

}  // namespace

std::string report_letter(std::size_t index) {
  std::string letters;
  for (std::size_t n = index + 1; n > 0; n = (n - 1) / 26)
    letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
  return letters;
}

std::string machine_label(const MachineInfo& machine) {
  std::string label = machine_summary(machine);
  if (!machine.build.empty()) label += " · " + machine.build + " build";
  return label;
}

std::string cell_text(const ComparedRow& row, std::size_t index) {
  const ComparedCell& cell = row.cells[index];
  if (!cell.present) return "–";
  if (!cell.verified) return "✗";
  std::string text = format_seconds(cell.wall_s.median);
  if (cell.ratio) text += fmt::format(" {}{}", format_speedup(*cell.ratio), cell.within_noise ? " ≈" : "  ");
  // Pool and fiber follow --workers: a row measured with other workers says so.
  const bool workers_differ = std::any_of(row.cells.begin(), row.cells.end(), [&](const ComparedCell& c) {
    return c.present && c.workers != row.cells.front().workers;
  });
  if (workers_differ) text += fmt::format(" ({} {})", cell.workers, cell.workers == 1 ? "worker" : "workers");
  return text;
}

std::string comparison_legend(const Comparison& comparison) {
  const std::string first = comparison.names.empty() ? "A" : "A (" + comparison.names.front() + ")";
  return fmt::format(
      "cells: wall median; × its ratio to {} (above 1×: slower); ≈ within the runs' noise: the min–max ranges "
      "overlap, so the difference may be chance",
      first);
}

std::string render_comparison(const Comparison& comparison, Format format, const RenderOptions& options) {
  switch (format) {
    case Format::table:
      return table_text(comparison, options);
    case Format::markdown:
      return markdown_text(comparison);
    case Format::csv:
    case Format::json:
      return comparison_data(comparison, format);
  }
  return {};
}

}  // namespace concur
