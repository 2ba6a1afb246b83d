// The default format: what a teacher projects. Everything a row needs to be compared at a
// glance sits in one aligned line that fits the terminal (table_grid.hpp says which columns give
// way first); explanations (takeaway, warnings, notes, failures) go under the table, wrapped to
// the same width, so no line ever wraps on the terminal.
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include <fmt/color.h>
#include <fmt/format.h>

#include "analysis/speedup_basis.hpp"
#include "report/formats.hpp"
#include "report/glyphs.hpp"
#include "report/paint.hpp"
#include "report/remarks.hpp"
#include "report/table_grid.hpp"
#include "report/timeline.hpp"
#include "report/units.hpp"

namespace concur {
namespace {

constexpr std::string_view takeaway_prefix = "takeaway: ";
constexpr std::size_t note_indent = 2;  // continuation lines of a note hang under its text

// All rows of a table share one time scale, so a slow row is visibly longer than a fast one.
double timeline_scale(const ScenarioResult& scenario) {
  double scale = 0;
  for (const ModelResult& row : scenario.rows) {
    scale = std::max(scale, row.timeline_wall_s);
    for (const TaskRecord& t : row.timeline) scale = std::max(scale, static_cast<double>(t.end_ns) / 1e9);
  }
  return scale;
}

std::string scenario_line(const ScenarioResult& scenario) {
  std::string line = scenario.scenario;
  if (!scenario.title.empty()) line += " — " + scenario.title;
  std::vector<std::string> facts;
  if (scenario.tasks > 0) facts.push_back(fmt::format("{} {}", scenario.tasks, scenario.tasks == 1 ? "task" : "tasks"));
  for (const Param& param : scenario.params) facts.push_back(param_label(param.key) + " " + param.display);
  if (!facts.empty()) line += " · " + fmt::format("{}", fmt::join(facts, " · "));
  return line;
}

std::string ideal_line(const ScenarioResult& scenario) {
  return fmt::format("ideal: back to back {} · perfect overlap {}", format_seconds(scenario.back_to_back_s),
                     format_seconds(scenario.perfect_overlap_s));
}

class TableReporter final : public Reporter {
 public:
  explicit TableReporter(const RenderOptions& options) : options_(options), glyphs_(glyphs_for(options.charset)) {}

  void write(const Report& report, std::ostream& out) const override {
    std::string text;
    for (const std::string& line : header_lines(report, options_.verbose))
      write_note(line, line.rfind(kWarningSign, 0) == 0 ? fmt::fg(fmt::terminal_color::yellow) : fmt::text_style(),
                 text);
    for (const ScenarioResult& scenario : report.scenarios) {
      text += '\n';
      write_scenario(report, scenario, text);
    }
    out << text;
  }

 private:
  // Applied after padding (report/paint.hpp says why).
  std::string paint(std::string_view text, fmt::text_style style) const {
    return concur::paint(text, style, options_.color);
  }

  // Text from anywhere (our sentences, file names, error texts) as this terminal shows it.
  std::string shown(std::string_view text) const { return in_charset(single_line(text), options_.charset); }

  // A note under or above the table, wrapped to the width, continuation lines indented so each
  // note reads as one block.
  void write_note(std::string_view note, fmt::text_style style, std::string& text) const {
    const std::vector<std::string> lines = wrap_words(shown(note), note_indent, options_.width);
    for (std::size_t i = 0; i < lines.size(); ++i)
      text += fmt::format("{}{}\n", i == 0 ? "" : std::string(note_indent, ' '), paint(lines[i], style));
  }

  void write_scenario(const Report& report, const ScenarioResult& scenario, std::string& text) const {
    write_note(scenario_line(scenario), fmt::emphasis::bold, text);
    write_note(ideal_line(scenario), fmt::text_style(), text);
    // What the speedup column divides, when it is not the baseline's time.
    if (const std::string note = basis_note(scenario); !note.empty()) write_note(note, fmt::text_style(), text);
    if (options_.timeline)
      write_note(fmt::format("timelines: each row's median run, all on one time scale · █ computing · ░ waiting · "
                             "blank idle"),
                 fmt::text_style(), text);
    write_grid(report, scenario, text);
    write_notes(report, scenario, text);
  }

  void write_grid(const Report& report, const ScenarioResult& scenario, std::string& text) const {
    const std::optional<std::size_t> limit =
        options_.fit && !options_.wide ? std::optional(static_cast<std::size_t>(options_.width)) : std::nullopt;
    const TableGrid grid = fit_table(scenario, limit, glyphs_);
    std::string rule;
    for (std::size_t i = 0; i < grid.width; ++i) rule += glyphs_.rule;
    const std::string painted_rule = paint(rule, fmt::emphasis::faint) + '\n';
    std::vector<std::string> header;
    for (const GridColumn& column : grid.columns) header.push_back(column.header);
    text += painted_rule + grid_line(grid, header, true) + '\n' + painted_rule;
    const TimelineLayout layout{.width = options_.width,
                                .scale_s = timeline_scale(scenario),
                                .cores = std::max<std::int64_t>(1, report.machine.cores)};
    for (std::size_t r = 0; r < grid.rows.size(); ++r) {
      text += grid_line(grid, grid.rows[r], false) + '\n';
      if (options_.timeline) write_timeline(scenario.rows[r], layout, text);
    }
    text += painted_rule;
  }

  // The last column is left-aligned; not padding it keeps lines free of trailing blanks.
  std::string grid_line(const TableGrid& grid, const std::vector<std::string>& cells, bool header) const {
    std::string line;
    for (std::size_t c = 0; c < grid.columns.size(); ++c) {
      const GridColumn& column = grid.columns[c];
      if (c > 0) line += std::string(grid.gap, ' ');
      const std::string padded = c + 1 == grid.columns.size() ? cells[c] : pad(cells[c], column.width, column.align);
      fmt::text_style style;
      if (header)
        style = fmt::emphasis::bold;
      else if (column.index == ok_column)
        style = fmt::fg(cells[c] == glyphs_.check ? fmt::terminal_color::green : fmt::terminal_color::red);
      line += paint(padded, style);
    }
    return line;
  }

  void write_timeline(const ModelResult& row, const TimelineLayout& layout, std::string& text) const {
    const std::vector<std::string> lines = render_timeline(row.timeline, layout);
    for (const std::string& line : lines) text += in_charset(line, options_.charset) + '\n';
    if (!lines.empty()) text += '\n';
  }

  void write_notes(const Report& report, const ScenarioResult& scenario, std::string& text) const {
    if (!scenario.takeaway.empty()) {
      const std::vector<std::string> lines =
          wrap_words(shown(scenario.takeaway), takeaway_prefix.size(), options_.width);
      for (std::size_t i = 0; i < lines.size(); ++i)
        text += (i == 0 ? paint(takeaway_prefix, fmt::emphasis::bold) : std::string(takeaway_prefix.size(), ' ')) +
                lines[i] + '\n';
    }
    for (const std::string& note : scenario.notes) write_note(note, {}, text);
    const fmt::text_style yellow = fmt::fg(fmt::terminal_color::yellow);
    if (options_.verbose) {
      for (const std::string& warning : noise_warnings(scenario, report)) write_note(warning, yellow, text);
      const std::string bookkeeping = bookkeeping_line(std::span(&scenario, 1), report);
      if (!bookkeeping.empty()) write_note(bookkeeping, fmt::emphasis::faint, text);
    } else if (const std::string noise = noise_summary(scenario, report); !noise.empty()) {
      write_note(noise, yellow, text);
    }
    write_remarks(scenario, text);
  }

  // One block per row that has something to say, model names aligned so remarks line up and
  // continuation lines hang under the remark.
  void write_remarks(const ScenarioResult& scenario, std::string& text) const {
    std::size_t label_width = 0;
    for (const ModelResult& row : scenario.rows)
      if (!row.note.empty() || !row.failure.empty())
        label_width = std::max(label_width, display_width(shown(row.model)) + 1);
    const std::size_t indent = note_indent + label_width + 1;
    for (const ModelResult& row : scenario.rows) {
      if (row.note.empty() && row.failure.empty()) continue;
      std::string remark = row.failure.empty() ? std::string() : std::string(cross) + " " + row.failure;
      if (!row.note.empty()) remark += (remark.empty() ? "" : " · ") + row.note;
      const std::vector<std::string> lines = wrap_words(shown(remark), indent, options_.width);
      for (std::size_t i = 0; i < lines.size(); ++i) {
        std::string line = lines[i];
        if (i == 0 && !row.failure.empty())  // the verdict in red, as in its row
          line = paint(glyphs_.cross, fmt::fg(fmt::terminal_color::red)) + line.substr(glyphs_.cross.size());
        text += (i == 0 ? std::string(note_indent, ' ') + pad(shown(row.model) + ":", label_width) + " "
                        : std::string(indent, ' ')) +
                line + '\n';
      }
    }
  }

  RenderOptions options_;
  const Glyphs& glyphs_;
};

}  // namespace

std::unique_ptr<Reporter> make_table_reporter(const RenderOptions& options) {
  return std::make_unique<TableReporter>(options);
}

}  // namespace concur
