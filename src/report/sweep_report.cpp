// How a sweep is reported. Table and markdown pivot the blocks into one table (rows = the
// varied values, columns = models, cells = the chosen metric) with the chart under it; csv and
// json are the ordinary formats, which carry the sweep's key and each block's value.
#include "report/formats.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include <fmt/color.h>
#include <fmt/format.h>

#include "analysis/metric.hpp"
#include "report/charts/chart.hpp"
#include "report/charts/chart_text.hpp"
#include "report/glyphs.hpp"
#include "report/markdown_parts.hpp"
#include "report/paint.hpp"
#include "report/remarks.hpp"
#include "report/units.hpp"

namespace concur {
namespace {

constexpr std::string_view cross = "✗";

// The pivot: first column the varied value, then one column per model.
struct Pivot {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

const Metric& metric_of(const Report& report) {
  const Metric* metric = report.sweep ? find_metric(report.sweep->metric) : nullptr;
  return metric != nullptr ? *metric : metrics().front();
}

// `aligned`: quiet cells get blanks where noisy ones have the sign, so a terminal's columns
// still line up on their last digit.
Pivot pivot(const Report& report, bool aligned) {
  const Metric& metric = metric_of(report);
  const bool any = aligned && std::any_of(report.scenarios.begin(), report.scenarios.end(),
                                          [](const ScenarioResult& b) { return any_noisy(b); });
  Pivot p;
  p.header.push_back(report.sweep ? report.sweep->key : "value");
  for (const ScenarioResult& block : report.scenarios)
    for (const ModelResult& row : block.rows)
      if (std::find(p.header.begin() + 1, p.header.end(), row.model) == p.header.end()) p.header.push_back(row.model);
  for (const ScenarioResult& block : report.scenarios) {
    std::vector<std::string> cells{block.swept_label};
    for (std::size_t c = 1; c < p.header.size(); ++c) {
      const auto row = std::find_if(block.rows.begin(), block.rows.end(),
                                    [&](const ModelResult& r) { return r.model == p.header[c]; });
      std::string cell = "–";
      if (row != block.rows.end()) {
        cell = row->verified ? format_quantity(metric.value(*row), metric.quantity) : std::string(cross);
        // Wall-time noise is what the warning is about; mark the cell whatever the metric.
        if (row->noise.noisy)
          cell += std::string(" ") + kWarningSign;
        else if (any)
          cell += "  ";
      }
      cells.push_back(std::move(cell));
    }
    p.rows.push_back(std::move(cells));
  }
  return p;
}

// `verbose`: the engineers' bookkeeping line too (always in markdown, a file for later).
std::vector<std::string> notes(const Report& report, bool verbose) {
  std::vector<std::string> out;
  const std::string noise = sweep_noise_warning(report);
  if (!noise.empty()) out.push_back(noise);
  const std::string bookkeeping = verbose ? bookkeeping_line(report.scenarios, report) : std::string();
  if (!bookkeeping.empty()) out.push_back(bookkeeping);
  for (const ScenarioResult& block : report.scenarios)
    for (const ModelResult& row : block.rows)
      if (!row.failure.empty())
        out.push_back(fmt::format("{} {}: {}", cross, row_place(block, row, report), single_line(row.failure)));
  return out;
}

class SweepTableReporter final : public Reporter {
 public:
  explicit SweepTableReporter(const RenderOptions& options) : options_(options), glyphs_(glyphs_for(options.charset)) {}

  void write(const Report& report, std::ostream& out) const override {
    std::string text;
    for (const std::string& line : header_lines(report, options_.verbose)) write_note(line, text);
    text += '\n';
    write_note(sweep_heading(report), text, fmt::emphasis::bold);
    write_note(fmt::format("cells: {} per model", metric_of(report).label), text);
    write_pivot(pivot(report, true), text);
    if (const auto chart = sweep_chart(report))
      text += '\n' + in_charset(text_chart(*chart, options_.width, options_.color), options_.charset) + '\n';
    for (const std::string& note : notes(report, options_.verbose)) write_note(note, text);
    out << text;
  }

 private:
  // Cells as this terminal shows them; two spaces between columns, one when that is what fits.
  void write_pivot(Pivot p, std::string& text) const {
    std::vector<std::size_t> widths;
    for (std::string& h : p.header) {
      h = shown(h);
      widths.push_back(display_width(h));
    }
    for (auto& row : p.rows)
      for (std::size_t c = 0; c < row.size(); ++c) {
        row[c] = shown(row[c]);
        widths[c] = std::max(widths[c], display_width(row[c]));
      }
    std::size_t total = 0;
    for (const std::size_t w : widths) total += w;
    const std::size_t gap =
        options_.fit && !options_.wide && total + 2 * (widths.size() - 1) > static_cast<std::size_t>(options_.width)
            ? 1
            : 2;
    total += gap * (widths.size() - 1);
    std::string rule;
    for (std::size_t i = 0; i < total; ++i) rule += glyphs_.rule;
    const auto line = [&](const std::vector<std::string>& cells) {
      std::string out;
      for (std::size_t c = 0; c < cells.size(); ++c) {
        if (c > 0) out += std::string(gap, ' ');
        out += pad(cells[c], widths[c], c == 0 ? Align::left : Align::right);
      }
      while (!out.empty() && out.back() == ' ') out.pop_back();
      return out + '\n';
    };
    text += paint(rule, fmt::emphasis::faint) + '\n' + paint(line(p.header), fmt::emphasis::bold);
    text += paint(rule, fmt::emphasis::faint) + '\n';
    for (const auto& row : p.rows) text += line(row);
    text += paint(rule, fmt::emphasis::faint) + '\n';
  }

  std::string shown(std::string_view text) const { return in_charset(single_line(text), options_.charset); }

  // A line wrapped to the width, continuation lines indented; a warning stands out in yellow.
  void write_note(std::string_view note, std::string& text, fmt::text_style style = {}) const {
    if (note.rfind(kWarningSign, 0) == 0) style = fmt::fg(fmt::terminal_color::yellow);
    const auto lines = wrap_words(shown(note), 2, options_.width);
    for (std::size_t i = 0; i < lines.size(); ++i) text += (i == 0 ? "" : "  ") + paint(lines[i], style) + '\n';
  }

  std::string paint(std::string_view text, fmt::text_style style) const {
    return concur::paint(text, style, options_.color);
  }
  RenderOptions options_;
  const Glyphs& glyphs_;
};

class SweepMarkdownReporter final : public Reporter {
 public:
  void write(const Report& report, std::ostream& out) const override {
    std::string text = markdown_header(report);
    text += fmt::format("\n### {}\n\nCells: {} per model.\n\n", markdown_cell(sweep_heading(report)),
                        metric_of(report).label);
    const Pivot p = pivot(report, false);
    const auto line = [](const std::vector<std::string>& cells) {
      std::string out = "|";
      for (const std::string& c : cells) out += fmt::format(" {} |", markdown_cell(c));
      return out + '\n';
    };
    text += line(p.header);
    std::vector<std::string> separator{"---"};
    separator.resize(p.header.size(), "---:");
    text += line(separator);
    for (const auto& row : p.rows) text += line(row);
    // A fenced block keeps the chart's alignment in any renderer.
    if (const auto chart = sweep_chart(report))
      text += fmt::format("\n```text\n{}```\n", text_chart(*chart, 100, false));
    const auto all = notes(report, true);
    if (!all.empty()) text += '\n';
    for (const std::string& note : all) text += fmt::format("- {}\n", markdown_cell(note));
    out << text;
  }
};

}  // namespace

std::unique_ptr<Reporter> make_sweep_table_reporter(const RenderOptions& options) {
  return std::make_unique<SweepTableReporter>(options);
}

std::unique_ptr<Reporter> make_sweep_markdown_reporter(const RenderOptions&) {
  return std::make_unique<SweepMarkdownReporter>();
}

}  // namespace concur
