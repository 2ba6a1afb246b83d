// The default format: what a teacher projects. Everything a row needs to be compared at a
// glance sits in one aligned line; explanations (notes, failures) go under the table so the
// columns stay narrow enough for a projector.
#include <algorithm>
#include <array>
#include <iterator>
#include <string>
#include <vector>

#include <fmt/color.h>
#include <fmt/format.h>

#include "report/formats.hpp"
#include "report/remarks.hpp"
#include "report/row_columns.hpp"
#include "report/timeline.hpp"
#include "report/units.hpp"

namespace concur {
namespace {

constexpr std::string_view gap = "  ";
constexpr std::string_view takeaway_prefix = "takeaway: ";

class TableReporter final : public Reporter {
 public:
  explicit TableReporter(const RenderOptions& options) : options_(options) {}

  void write(const Report& report, std::ostream& out) const override {
    std::string text;
    auto sink = std::back_inserter(text);
    for (const std::string& line : header_lines(report))
      fmt::format_to(sink, "{}\n",
                     line.rfind(kWarningSign, 0) == 0 ? paint(line, fmt::fg(fmt::terminal_color::yellow)) : line);
    for (const ScenarioResult& scenario : report.scenarios) {
      text += '\n';
      write_scenario(report, scenario, std::max<std::int64_t>(1, report.machine.cores), text);
    }
    out << text;
  }

 private:
  // Styles are applied after padding: escape codes have no width, and padding measures bytes
  // of visible text only.
  std::string paint(std::string_view text, fmt::text_style style) const {
    if (!options_.color || text.empty()) return std::string(text);
    return fmt::format(style, "{}", text);
  }

  static std::string scenario_line(const ScenarioResult& scenario) {
    std::string line = scenario.scenario;
    if (!scenario.title.empty()) line += " — " + scenario.title;
    std::vector<std::string> facts;
    if (scenario.tasks > 0) {
      facts.push_back(fmt::format("{} {}", scenario.tasks, scenario.tasks == 1 ? "task" : "tasks"));
    }
    for (const Param& param : scenario.params) {
      facts.push_back(param_label(param.key) + " " + param.display);
    }
    if (!facts.empty()) line += " · " + fmt::format("{}", fmt::join(facts, " · "));
    return single_line(line);
  }

  // `cores` is the full height of a timeline's "cores busy" sparkline.
  void write_scenario(const Report& report, const ScenarioResult& scenario, std::int64_t cores,
                      std::string& text) const {
    auto sink = std::back_inserter(text);
    fmt::format_to(sink, "{}\n", paint(scenario_line(scenario), fmt::emphasis::bold));
    fmt::format_to(sink, "ideal: back to back {} · perfect overlap {}\n", format_seconds(scenario.back_to_back_s),
                   format_seconds(scenario.perfect_overlap_s));
    if (options_.timeline)
      fmt::format_to(sink,
                     "timelines: each row's median run, all on one time scale · {} computing · {} waiting · "
                     "blank idle\n",
                     "█", "░");

    std::vector<Cells> rows;
    rows.reserve(scenario.rows.size());
    for (const ModelResult& row : scenario.rows) rows.push_back(row_cells(row, any_noisy(scenario)));

    std::array<std::size_t, column_count> widths{};
    for (std::size_t c = 0; c < column_count; ++c) widths[c] = display_width(columns[c].header);
    for (const Cells& cells : rows) {
      for (std::size_t c = 0; c < column_count; ++c) {
        widths[c] = std::max(widths[c], display_width(cells[c]));
      }
    }
    std::size_t table_width = (column_count - 1) * gap.size();
    for (std::size_t width : widths) table_width += width;

    // The last column is left-aligned; not padding it keeps lines free of trailing blanks.
    auto join = [&](auto cell_text, auto style_of) {
      std::string line;
      for (std::size_t c = 0; c < column_count; ++c) {
        if (c > 0) line += gap;
        const std::string_view raw = cell_text(c);
        const std::string padded = c + 1 == column_count ? std::string(raw) : pad(raw, widths[c], columns[c].align);
        line += paint(padded, style_of(c));
      }
      return line;
    };
    std::string rule;
    for (std::size_t i = 0; i < table_width; ++i) rule += "─";
    const std::string painted_rule = paint(rule, fmt::emphasis::faint);

    fmt::format_to(sink, "{}\n", painted_rule);
    fmt::format_to(sink, "{}\n",
                   join([](std::size_t c) { return columns[c].header; },
                        [](std::size_t) { return fmt::text_style(fmt::emphasis::bold); }));
    fmt::format_to(sink, "{}\n", painted_rule);
    const TimelineLayout layout{.width = options_.width, .scale_s = timeline_scale(scenario), .cores = cores};
    for (std::size_t r = 0; r < rows.size(); ++r) {
      const Cells& cells = rows[r];
      const bool ok = cells[ok_column] == check;
      fmt::format_to(sink, "{}\n",
                     join([&](std::size_t c) { return std::string_view(cells[c]); },
                          [&](std::size_t c) {
                            if (c != ok_column) return fmt::text_style();
                            return fmt::fg(ok ? fmt::terminal_color::green : fmt::terminal_color::red);
                          }));
      if (options_.timeline) write_timeline(scenario.rows[r], layout, text);
    }
    fmt::format_to(sink, "{}\n", painted_rule);

    if (!scenario.takeaway.empty()) {
      const std::vector<std::string> lines =
          wrap_words(single_line(scenario.takeaway), takeaway_prefix.size(), options_.width);
      for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string prefix =
            i == 0 ? paint(takeaway_prefix, fmt::emphasis::bold) : std::string(takeaway_prefix.size(), ' ');
        fmt::format_to(sink, "{}{}\n", prefix, lines[i]);
      }
    }
    for (const std::string& warning : noise_warnings(scenario, report))
      write_wrapped(warning, fmt::fg(fmt::terminal_color::yellow), text);
    for (const std::string& note : scenario.notes) write_wrapped(note, {}, text);
    const std::string bookkeeping = bookkeeping_line(std::span(&scenario, 1), report);
    if (!bookkeeping.empty()) write_wrapped(bookkeeping, fmt::emphasis::faint, text);
    write_remarks(scenario, text);
  }

  // A note under the table, continuation lines indented so each note reads as one block.
  void write_wrapped(std::string_view note, fmt::text_style style, std::string& text) const {
    constexpr std::size_t indent = 2;
    const std::vector<std::string> lines = wrap_words(note, indent, options_.width);
    for (std::size_t i = 0; i < lines.size(); ++i)
      fmt::format_to(std::back_inserter(text), "{}{}\n", i == 0 ? "" : std::string(indent, ' '),
                     paint(lines[i], style));
  }

  // All rows of a table share one time scale, so a slow row is visibly longer than a fast one.
  static double timeline_scale(const ScenarioResult& scenario) {
    double scale = 0;
    for (const ModelResult& row : scenario.rows) {
      scale = std::max(scale, row.timeline_wall_s);
      for (const TaskRecord& t : row.timeline) scale = std::max(scale, static_cast<double>(t.end_ns) / 1e9);
    }
    return scale;
  }

  void write_timeline(const ModelResult& row, const TimelineLayout& layout, std::string& text) const {
    const std::vector<std::string> lines = render_timeline(row.timeline, layout);
    for (const std::string& line : lines) fmt::format_to(std::back_inserter(text), "{}\n", line);
    if (!lines.empty()) text += '\n';
  }

  // One line per row that has something to say, model names aligned so remarks line up.
  void write_remarks(const ScenarioResult& scenario, std::string& text) const {
    std::size_t label_width = 0;
    for (const ModelResult& row : scenario.rows) {
      if (!row.note.empty() || !row.failure.empty()) {
        label_width = std::max(label_width, display_width(row.model) + 1);
      }
    }
    for (const ModelResult& row : scenario.rows) {
      if (row.note.empty() && row.failure.empty()) continue;
      std::string remark;
      if (!row.failure.empty()) {
        remark = paint(cross, fmt::fg(fmt::terminal_color::red)) + " " + single_line(row.failure);
      }
      if (!row.note.empty()) {
        if (!remark.empty()) remark += " · ";
        remark += single_line(row.note);
      }
      fmt::format_to(std::back_inserter(text), "  {} {}\n", pad(single_line(row.model) + ":", label_width), remark);
    }
  }

  RenderOptions options_;
};

}  // namespace

std::unique_ptr<Reporter> make_table_reporter(const RenderOptions& options) {
  return std::make_unique<TableReporter>(options);
}

}  // namespace concur
