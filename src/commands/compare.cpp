#include "commands/compare.hpp"

#include <memory>

#include <fmt/format.h>

#include "analysis/comparison.hpp"
#include "commands/delivery.hpp"
#include "core/usage_error.hpp"
#include "options/binding.hpp"
#include "options/output_files.hpp"
#include "report/compare_report.hpp"
#include "report/glyphs.hpp"
#include "report/json_read.hpp"
#include "report/reporter.hpp"
#include "sys/command_line.hpp"

namespace concur {
namespace {

// The comparison in `format`; what is printed for a terminal in the characters it can show (the
// stand-ins keep one column each, so the table stays aligned). Files stay UTF-8.
std::string rendered(const Comparison& comparison, Format format, const RenderOptions& options) {
  const std::string text = render_comparison(comparison, format, options);
  return format_info(format).for_terminal ? in_charset(text, options.charset) : text;
}

}  // namespace

int run_compare(const std::vector<std::string>& files, const Settings& settings) {
  std::vector<Report> reports;
  reports.reserve(files.size());
  for (const std::string& file : files) reports.push_back(read_json_report(file));
  const Comparison comparison = compare_reports(reports, files);
  const OutputSettings& o = settings.output;
  // Every file first, each written like every output (through links, atomically); then what --format prints.
  const std::string command = shell_command(own_arguments());
  for (const std::string& path : o.html) write_output("--html", path, comparison_html(comparison, o.title, command));
  for (const ExportFile& e : o.exports)
    write_output(export_option(e.format), e.path,
                 rendered(comparison, e.format, RenderOptions{.width = report_width(true)}));
  deliver(rendered(comparison, o.format, render_options(o)), o.file);
  return 0;
}

void add_compare_command(CommandLine& line, Action& action, unsigned /*cores*/) {
  Command sub = line.add(
      "compare", "reports of several runs side by side (--export-json files: a class's machines, before and after)");
  auto files = std::make_shared<std::vector<std::string>>();
  sub.positional({.name = "reports",
                  .help = "JSON reports written by --export-json (or --format json), the first the reference",
                  .type_name = "<FILE>",
                  .required = true},
                 *files);
  auto binding = std::make_shared<OptionBinding>(sub.cli(), kCompareCommand, std::span<const ScenarioInfo* const>());
  sub.footer(
      "Examples:\n"
      "  concur-demo all --export-json mine.json\n"
      "  concur-demo compare mine.json alice.json bob.json --html class.html");
  sub.on_chosen([&action, files, binding] {
    if (files->size() < 2)
      throw UsageError(
          fmt::format("compare needs at least two reports (got {}): the first is the one the others are "
                      "read against",
                      files->size()));
    const Settings settings = binding->settings({});
    check_outputs(settings, *files);
    action = [files, settings] { return run_compare(*files, settings); };
  });
}

}  // namespace concur
