// concur-demo(1), written in roff (the man macros) from the command line's description, so the
// page lists exactly the commands, options, defaults, models, scenarios and lessons of the build.
#pragma once

#include <string>

#include "cli/command_line_doc.hpp"

namespace concur {

/// The whole man page: name, synopsis, description, commands, options with their value types and
/// defaults, models, scenarios, lessons, exit status, environment, files, examples, see also.
std::string man_page(const CommandLineDoc& doc);

}  // namespace concur
