#include "options/output_files.hpp"

#include <filesystem>
#include <system_error>

#include <fmt/format.h>

#include "core/usage_error.hpp"

namespace concur {
namespace {

namespace fs = std::filesystem;

// The file a path reaches: symbolic links and "." and ".." resolved as far as the path exists.
fs::path reached(const std::string& path) {
  std::error_code error;
  fs::path absolute = fs::absolute(path, error);
  if (error) return fs::path(path).lexically_normal();
  fs::path canonical = fs::weakly_canonical(absolute, error);
  return error ? absolute.lexically_normal() : canonical;
}

bool inside(const fs::path& file, const fs::path& dir) {
  const fs::path relative = file.lexically_relative(dir);
  return !relative.empty() && *relative.begin() != "..";
}

}  // namespace

std::vector<OutputFile> output_files(const Settings& settings) {
  const OutputSettings& o = settings.output;
  std::vector<OutputFile> files;
  if (o.file) files.push_back({"--output", *o.file});
  if (o.trace) files.push_back({"--trace", *o.trace});
  if (o.svg) files.push_back({"--svg", *o.svg});
  for (const std::string& path : o.html) files.push_back({"--html", path});
  for (const ExportFile& e : o.exports) {
    const std::string_view option = e.format == Format::json  ? "--export-json"
                                    : e.format == Format::csv ? "--export-csv"
                                                              : "--export-markdown";
    files.push_back({option, e.path});
  }
  if (o.timeline_svg) files.push_back({"--timeline-svg", *o.timeline_svg});
  return files;
}

void check_output_files(const Settings& settings, std::span<const std::string> inputs) {
  const std::vector<OutputFile> files = output_files(settings);
  std::vector<fs::path> reach;
  reach.reserve(files.size());
  for (const OutputFile& f : files) reach.push_back(reached(f.path));
  for (std::size_t i = 0; i < files.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j)
      if (reach[i] == reach[j])
        throw UsageError(fmt::format("{} '{}' and {} '{}' name the same file; give each output its own file",
                                     files[j].option, files[j].path, files[i].option, files[i].path));
    for (const std::string& input : inputs)
      if (reach[i] == reached(input))
        throw UsageError(
            fmt::format("{} '{}' names an input of this command; it would be overwritten (write it "
                        "elsewhere)",
                        files[i].option, files[i].path));
    if (settings.scenario.dir && inside(reach[i], reached(*settings.scenario.dir)))
      throw UsageError(fmt::format("{} '{}' is inside --dir '{}', which the files scenario reads; write it elsewhere",
                                   files[i].option, files[i].path, *settings.scenario.dir));
  }
}

}  // namespace concur
