// The prose of concur-demo(1) that no table holds: what each kind of value looks like, exit
// status, environment, files, see also. Written in roff, each section whole.
#pragma once

#include <string_view>

namespace concur {

/// What a value placeholder ("<N>", "<DURATION>", …) stands for, one sentence, plain text.
std::string_view value_meaning(std::string_view placeholder);

/// The EXIT STATUS section, in roff.
std::string_view man_exit_status();

/// The ENVIRONMENT section (NO_COLOR, CLICOLOR_FORCE, COLUMNS, TMPDIR, PATH, CI), in roff.
std::string_view man_environment();

/// The FILES section (the temporary directory, the installed documentation), in roff.
std::string_view man_files();

/// The SEE ALSO section, in roff.
std::string_view man_see_also();

}  // namespace concur
