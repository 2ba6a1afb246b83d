// Every file a command line asks the tool to write, in one list: the checks that outputs hit
// neither each other nor the input read all of them from here, so an output option added later
// (one line in output_files) is checked like the others.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "options/settings.hpp"

namespace concur {

/// One file the tool will write.
struct OutputFile {
  std::string_view option;  ///< the option that names it ("--output", "--trace", "--svg", "--html")
  std::string path;         ///< as given; "-" is standard output
};

/// Every output `settings` names, the report first: its -o file, or "-" when it goes to
/// standard output; then the trace, the pictures, the HTML pages and the exports (a repeatable
/// option once per value).
std::vector<OutputFile> output_files(const Settings& settings);

/// The option that writes an export in `format`: "--export-json", "--export-csv", "--export-markdown".
std::string_view export_option(Format format);

/// Throws UsageError (one line naming the options and paths) when two outputs of `settings`
/// would write the same file or both standard output, when an output lies inside --dir or is one
/// of its files, when an output is one of `inputs` (the files a command reads, as `compare`'s
/// reports), or when an output is this program's own executable. Nothing is written.
void check_outputs(const Settings& settings, std::span<const std::string> inputs = {});

}  // namespace concur
