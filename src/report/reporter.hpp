// Reporters turn a finished Report into bytes and do nothing else: no measuring,
// no model knowledge. Each format lives in its own file behind this interface, and the
// formats form one list (reporter.cpp) that help, parsing and the factory all read.
#pragma once

#include <memory>
#include <optional>
#include <ostream>
#include <span>
#include <string_view>

#include "core/results.hpp"
#include "report/glyphs.hpp"

namespace concur {

/// How a report is rendered for one output stream.
struct RenderOptions {
  bool color = false;               ///< ANSI colours (only for a terminal that wants them)
  int width = 100;                  ///< columns available, for formats that care
  bool timeline = false;            ///< table: draw each row's timeline under it (rows must carry records)
  bool fit = false;                 ///< table: lay the table out to fit `width` (a terminal, or COLUMNS), dropping
                                    ///< columns in the documented order; otherwise every column, whatever `width`
  bool wide = false;                ///< --wide: every column even when `fit`
  bool verbose = false;             ///< -v: the engineers' lines too (build flags, bookkeeping, every noisy row)
  Charset charset = Charset::utf8;  ///< terminal formats: ASCII under a locale that is not UTF-8
};

/// Writes a Report in one format to a stream handed in from outside.
class Reporter {
 public:
  virtual ~Reporter() = default;
  /// Renders the whole report to `out`.
  virtual void write(const Report& report, std::ostream& out) const = 0;
};

/// Every output format, in the order help lists them.
enum class Format { table, markdown, csv, json };

/// Builds a reporter of one format.
using ReporterFactory = std::unique_ptr<Reporter> (*)(const RenderOptions&);

/// One entry of the list of formats.
struct FormatInfo {
  Format format;               ///< the enum value
  std::string_view name;       ///< what --format accepts
  ReporterFactory make;        ///< the reporter of an ordinary run
  ReporterFactory make_sweep;  ///< the reporter of a sweep (pivoted table), or null: the ordinary one
  bool for_terminal;           ///< meant to be read on a terminal (colour, width, box drawing)
};

/// Every format, in the order help lists them.
std::span<const FormatInfo> formats();

/// The format called `name`, or nullopt.
std::optional<Format> find_format(std::string_view name);

/// The entry of `format`.
const FormatInfo& format_info(Format format);

/// The reporter for `format`; `sweep` picks the pivoted sweep form where the format has one.
std::unique_ptr<Reporter> make_reporter(Format format, const RenderOptions& options, bool sweep = false);

}  // namespace concur
