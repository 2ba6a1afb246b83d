// Reporters turn a finished Report into bytes and do nothing else: no measuring,
// no model knowledge. Each format lives in its own file behind this interface.
#pragma once

#include <memory>
#include <ostream>
#include <string_view>
#include <vector>

#include "core/results.hpp"

namespace concur {

/// How a report is rendered for one output stream.
struct RenderOptions {
  bool color = false;     ///< ANSI colours (only for a terminal that wants them)
  int width = 100;        ///< columns available, for formats that care
  bool timeline = false;  ///< table: draw each row's timeline under it (rows must carry records)
};

/// Writes a Report in one format to a stream handed in from outside.
class Reporter {
 public:
  virtual ~Reporter() = default;
  /// Renders the whole report to `out`.
  virtual void write(const Report& report, std::ostream& out) const = 0;
};

/// The format names `--format` accepts, in the order help lists them.
const std::vector<std::string_view>& report_formats();

/// The reporter for `format` (one of report_formats()), or nullptr if unknown.
std::unique_ptr<Reporter> make_reporter(std::string_view format, const RenderOptions& options);

}  // namespace concur
