// Every file one command line asks the tool to write, in one list: the checks that no two outputs
// name the same file and that no output lands on an input read it, so a new output option is one
// line here and is checked like the others.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "options/settings.hpp"

namespace concur {

/// One file the tool will write.
struct OutputFile {
  std::string_view option;  ///< the option that names it ("--html")
  std::string path;         ///< as typed
};

/// Every output file `settings` names, in option-table order (a repeatable option once per value).
std::vector<OutputFile> output_files(const Settings& settings);

/// Throws UsageError (one line naming both options and the file) when two outputs of `settings`
/// name the same file, or an output names one of `inputs` (files the command reads) or lies inside
/// the --dir the files scenario reads. Paths compare as the files they reach: "./r.json" and
/// "r.json" are one file, and so are two names of one file through a symbolic link.
void check_output_files(const Settings& settings, std::span<const std::string> inputs = {});

}  // namespace concur
