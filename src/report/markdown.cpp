// Markdown for pasting results into an issue, a README or course notes. Cells are padded
// so the raw text is readable too, not only the rendered page.
#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "analysis/speedup_basis.hpp"
#include "report/formats.hpp"
#include "report/markdown_parts.hpp"
#include "report/remarks.hpp"
#include "report/row_columns.hpp"
#include "report/units.hpp"

namespace concur {
namespace {

std::string facts_line(const ScenarioResult& scenario) {
  std::vector<std::string> facts;
  if (scenario.tasks > 0) {
    facts.push_back(fmt::format("{} {}", scenario.tasks, scenario.tasks == 1 ? "task" : "tasks"));
  }
  for (const Param& param : scenario.params) {
    facts.push_back(param_label(param.key) + " " + param.display);
  }
  facts.push_back(fmt::format("ideal: back to back {} · perfect overlap {}", format_seconds(scenario.back_to_back_s),
                              format_seconds(scenario.perfect_overlap_s)));
  if (const std::string note = basis_note(scenario); !note.empty()) facts.push_back(note);
  return single_line(fmt::format("{}", fmt::join(facts, " · ")));
}

class MarkdownReporter final : public Reporter {
 public:
  void write(const Report& report, std::ostream& out) const override {
    std::string text = markdown_header(report);
    for (const ScenarioResult& scenario : report.scenarios) write_scenario(report, scenario, text);
    out << text;
  }

 private:
  static void write_scenario(const Report& report, const ScenarioResult& scenario, std::string& text) {
    std::string heading = scenario.scenario;
    if (!scenario.title.empty()) heading += " — " + scenario.title;
    text += fmt::format("\n### {}\n\n{}\n\n", single_line(heading), facts_line(scenario));

    std::vector<Cells> rows;
    rows.reserve(scenario.rows.size());
    for (const ModelResult& row : scenario.rows) {
      Cells cells = row_cells(scenario, row);
      for (auto& cell : cells) cell = markdown_cell(cell);
      rows.push_back(std::move(cells));
    }

    // At least three dashes: the shortest separator every renderer accepts.
    const SpeedupBasis basis = speedup_basis(scenario);
    std::array<std::size_t, column_count> widths{};
    for (std::size_t c = 0; c < column_count; ++c) {
      widths[c] = std::max<std::size_t>(display_width(column_header(c, false, basis)), 3);
      for (const Cells& cells : rows) widths[c] = std::max(widths[c], display_width(cells[c]));
    }

    auto line = [&](auto cell_text) {
      std::string out = "|";
      for (std::size_t c = 0; c < column_count; ++c) {
        out += ' ' + pad(cell_text(c), widths[c], columns[c].align) + " |";
      }
      return out + '\n';
    };
    text += line([&](std::size_t c) { return column_header(c, false, basis); });
    text += line([&](std::size_t c) {
      std::string dashes(widths[c], '-');
      if (columns[c].align == Align::right) dashes.back() = ':';
      return dashes;
    });
    for (const Cells& cells : rows) {
      text += line([&](std::size_t c) { return std::string_view(cells[c]); });
    }

    if (!scenario.takeaway.empty()) {
      text += fmt::format("\n**Takeaway:** {}\n", single_line(scenario.takeaway));
    }
    std::vector<std::string> notes = noise_warnings(scenario, report);
    notes.insert(notes.end(), scenario.notes.begin(), scenario.notes.end());
    const std::string bookkeeping = bookkeeping_line(std::span(&scenario, 1), report);
    if (!bookkeeping.empty()) notes.push_back(bookkeeping);
    if (!notes.empty()) text += '\n';
    for (const std::string& note : notes) text += fmt::format("- {}\n", markdown_cell(note));
    write_remarks(scenario, text);
  }

  static void write_remarks(const ScenarioResult& scenario, std::string& text) {
    bool first = true;
    for (const ModelResult& row : scenario.rows) {
      if (row.note.empty() && row.failure.empty()) continue;
      if (first) text += '\n';
      first = false;
      std::string remark;
      if (!row.failure.empty()) remark = "✗ " + single_line(row.failure);
      if (!row.note.empty()) {
        if (!remark.empty()) remark += " · ";
        remark += single_line(row.note);
      }
      text += fmt::format("- **{}**: {}\n", single_line(row.model), remark);
    }
  }
};

}  // namespace

std::unique_ptr<Reporter> make_markdown_reporter(const RenderOptions&) { return std::make_unique<MarkdownReporter>(); }

}  // namespace concur
