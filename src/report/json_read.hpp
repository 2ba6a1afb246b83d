// Reading a JSON report back (docs/json.md, schema_version 1): what `compare` needs of each
// student's --export-json file. Anything else, or anything malformed, is refused with one line
// naming the file and what is wrong with it.
#pragma once

#include <string>

#include "core/results.hpp"

namespace concur {

/// The report in the JSON file at `path`: the machine, the command, and per scenario and
/// parameters its rows (wall-time statistics, verification, workers, noise). Throws UsageError
/// ("r.json: schema_version 2, this concur-demo reads 1") for a file that cannot be read, is not
/// JSON, is not a concur-demo report, has another schema_version or lacks a key the contract
/// promises.
Report read_json_report(const std::string& path);

/// The same from the text of a document; `name` stands for the file in messages.
Report parse_json_report(const std::string& text, const std::string& name);

}  // namespace concur
