#include "report/reporter.hpp"

#include <string>

#include "report/formats.hpp"

namespace concur {
namespace {

using Factory = std::unique_ptr<Reporter> (*)(const RenderOptions&);

struct Format {
  std::string_view name;
  Factory make;
};

// The one list of formats: help text and the factory both read it, so they cannot drift.
const std::vector<Format>& formats() {
  static const std::vector<Format> all{
      {"table", &make_table_reporter},
      {"markdown", &make_markdown_reporter},
      {"csv", &make_csv_reporter},
      {"json", &make_json_reporter},
  };
  return all;
}

}  // namespace

const std::vector<std::string_view>& report_formats() {
  static const std::vector<std::string_view> names = [] {
    std::vector<std::string_view> out;
    for (const Format& format : formats()) out.push_back(format.name);
    return out;
  }();
  return names;
}

std::unique_ptr<Reporter> make_reporter(std::string_view format, const RenderOptions& options) {
  for (const Format& entry : formats()) {
    if (entry.name == format) return entry.make(options);
  }
  return nullptr;
}

}  // namespace concur
