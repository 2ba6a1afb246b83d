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
  std::string_view option;  ///< the option that names it ("--output", "--trace", "--html")
  std::string path;         ///< as given; "-" is standard output
};

/// The option that names an export in `format` ("--export-json" for Format::json).
std::string_view export_option(Format format);

/// Every output `settings` names, the report first: its -o file, or "-" when it goes to
/// standard output.
std::vector<OutputFile> output_files(const Settings& settings);

/// Throws UsageError (one line naming the options and paths) when two outputs of `settings`
/// would write the same file or both standard output, when an output lies inside --dir or is one
/// of its files, when an output is one of `inputs` (files the command reads, e.g. compare's
/// reports) or this program's own executable. Nothing is written.
void check_outputs(const Settings& settings, std::span<const std::string> inputs = {});

}  // namespace concur
