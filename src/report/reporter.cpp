#include "report/reporter.hpp"

#include <algorithm>
#include <array>

#include "report/formats.hpp"

namespace concur {
namespace {

// The one list of formats: help text, --format parsing and the factory all read it, so they
// cannot drift. Adding a format is its file plus one line here.
constexpr std::array kFormats{
    FormatInfo{.format = Format::table,
               .name = "table",
               .make = &make_table_reporter,
               .make_sweep = &make_sweep_table_reporter,
               .for_terminal = true},
    FormatInfo{.format = Format::markdown,
               .name = "markdown",
               .make = &make_markdown_reporter,
               .make_sweep = &make_sweep_markdown_reporter,
               .for_terminal = false},
    FormatInfo{
        .format = Format::csv, .name = "csv", .make = &make_csv_reporter, .make_sweep = nullptr, .for_terminal = false},
    FormatInfo{.format = Format::json,
               .name = "json",
               .make = &make_json_reporter,
               .make_sweep = nullptr,
               .for_terminal = false},
};

}  // namespace

std::span<const FormatInfo> formats() { return kFormats; }

std::optional<Format> find_format(std::string_view name) {
  const auto it = std::find_if(kFormats.begin(), kFormats.end(), [&](const FormatInfo& f) { return f.name == name; });
  return it == kFormats.end() ? std::nullopt : std::optional(it->format);
}

const FormatInfo& format_info(Format format) {
  return *std::find_if(kFormats.begin(), kFormats.end(), [&](const FormatInfo& f) { return f.format == format; });
}

std::unique_ptr<Reporter> make_reporter(Format format, const RenderOptions& options, bool sweep) {
  const FormatInfo& info = format_info(format);
  return sweep && info.make_sweep != nullptr ? info.make_sweep(options) : info.make(options);
}

}  // namespace concur
