#include "report/html.hpp"

#include <algorithm>
#include <vector>

#include <fmt/format.h>

#include "report/charts/chart_svg.hpp"
#include "report/charts/svg_style.hpp"
#include "report/html_page.hpp"
#include "report/remarks.hpp"
#include "report/row_columns.hpp"
#include "report/timeline_figure.hpp"
#include "report/timeline_svg.hpp"
#include "report/units.hpp"

namespace concur {
namespace {

std::string default_title(const Report& report) {
  std::vector<std::string> names;
  for (const ScenarioResult& s : report.scenarios)
    if (std::find(names.begin(), names.end(), s.scenario) == names.end()) names.push_back(s.scenario);
  return fmt::format("{}{}: {}", report.tool, report.sweep ? " sweep" : "", fmt::join(names, ", "));
}

// Where the numbers come from: the machine, the build (flags live here, not on the pictures),
// and any warning about them.
std::string machine_header(const Report& report) {
  std::string out = html_paragraph("", tool_line(report));
  const std::string build = build_summary(report.machine);
  if (!build.empty()) out += html_paragraph("muted", "built: " + build);
  for (const std::string& warning : report.machine.warnings)
    out += html_paragraph("warning", std::string(kWarningSign) + " " + warning);
  return out;
}

std::string results_table(const ScenarioResult& scenario) {
  std::vector<std::string> headers;
  std::vector<bool> numeric;
  for (std::size_t c = 0; c < column_count; ++c) {
    headers.emplace_back(column_header(c, false, speedup_basis(scenario)));
    numeric.push_back(columns[c].align == Align::right);
  }
  std::vector<std::vector<std::string>> rows;
  for (const ModelResult& row : scenario.rows) {
    const Cells cells = row_cells(scenario, row);
    rows.emplace_back(cells.begin(), cells.end());
    rows.back()[ok_column] = row.verified ? std::string(check) + " ok" : std::string(cross) + " failed";
  }
  return html_table(headers, rows, numeric);
}

// The notes under a table: noise, the tool's own cost, each row's remark or failure.
std::string notes(const Report& report, const ScenarioResult& scenario) {
  std::string out;
  for (const std::string& warning : noise_warnings(scenario, report)) out += html_paragraph("note", warning);
  const std::string bookkeeping = bookkeeping_line(std::span(&scenario, 1), report);
  if (!bookkeeping.empty()) out += html_paragraph("muted", bookkeeping);
  std::string items;
  for (const ModelResult& row : scenario.rows) {
    if (!row.failure.empty())
      items += fmt::format("<li class=\"warning\">{} {}: {}</li>\n", cross, html_escape(row.model),
                           html_escape(single_line(row.failure)));
    if (!row.note.empty())
      items += fmt::format("<li>{}: {}</li>\n", html_escape(row.model), html_escape(single_line(row.note)));
  }
  return items.empty() ? out : out + "<ul>\n" + items + "</ul>\n";
}

std::string timeline_legend() {
  SvgWriter svg(1200, 64, SvgUse::inline_html);
  svg.open("g", {{"font-family", kFontFamily}, {"font-size", svg_number(kLabelSize)}, {"fill", kInk}});
  draw_timeline_legend(svg, 0, 22);
  return svg.finish();
}

// Each row's median run, all on the scenario's time scale, under one legend.
std::string timelines(const ScenarioResult& scenario) {
  const double scale = timeline_scale(scenario);
  const double labels = shared_label_column(scenario, scale);
  std::string figures;
  for (const ModelResult& row : scenario.rows) figures += row_timeline_svg(row, scale, labels, SvgUse::inline_html);
  if (figures.empty()) return {};
  return fmt::format(
      "<h3>How the tasks ran</h3>\n<figure>\n{}{}<figcaption>Each row's median run on one time axis; rest the "
      "pointer on a task for its start, end, place and CPU time.</figcaption>\n</figure>\n",
      timeline_legend(), figures);
}

std::string scenario_section(const Report& report, const ScenarioResult& scenario) {
  std::string heading = scenario_heading(scenario);
  if (!scenario.title.empty()) heading += " — " + single_line(scenario.title);
  std::string out = fmt::format("<section>\n<h2>{}</h2>\n", html_escape(heading));
  out += html_paragraph(
      "muted", fmt::format("ideal: back to back {} · perfect overlap {}", format_seconds(scenario.back_to_back_s),
                           format_seconds(scenario.perfect_overlap_s)));
  out += results_table(scenario);
  if (!scenario.takeaway.empty()) out += html_paragraph("takeaway", "Takeaway: " + single_line(scenario.takeaway));
  out += notes(report, scenario);
  out += timelines(scenario);
  return out + "</section>\n";
}

}  // namespace

std::string html_report(const Report& report, std::string_view title) {
  const std::string page_title = title.empty() ? default_title(report) : std::string(title);
  std::string body =
      fmt::format("<header>\n<h1>{}</h1>\n{}</header>\n", html_escape(page_title), machine_header(report));
  if (report.sweep) {
    // The chart carries the sweep's noise note itself (a slide must not hide it): not repeated here.
    const std::string heading = sweep_heading(report);
    body += fmt::format("<section>\n<h2>{}</h2>\n<figure>\n{}</figure>\n", html_escape(heading),
                        svg_chart(report, PictureOptions{.title = std::string(title), .use = SvgUse::inline_html}));
    body += "</section>\n";
  }
  for (const ScenarioResult& scenario : report.scenarios) body += scenario_section(report, scenario);
  body += fmt::format("<footer>\n{}<p>{} {}</p>\n</footer>\n", html_command(report.command_line),
                      html_escape(report.tool), html_escape(report.version));
  return html_page(page_title, body);
}

}  // namespace concur
