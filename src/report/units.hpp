// Human formatting shared by the text formats, so the table and the markdown always
// agree on how a number reads. Machine formats (csv, json) keep raw numbers instead.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "analysis/metric.hpp"
#include "report/terminal_text.hpp"

namespace concur {

/// Seconds in the unit that keeps them short: "2.003 s", "101.2 ms", "850 µs", "–" if not finite.
std::string format_seconds(double seconds);

/// A min–max span sharing one unit when both ends have it: "2.001–2.006 s", "850 µs–1.002 ms".
std::string format_seconds_range(double min_s, double max_s);

/// A size given in KiB in the unit that keeps it short: "812 KiB", "4.1 MiB", "1.2 GiB".
std::string format_kib(std::int64_t kib);

/// A speedup factor with three significant digits: "19.8×", "1.00×", "–" if not finite.
std::string format_speedup(double factor);

/// CPU time over wall time with two decimals: "1.97" means about two cores were busy.
std::string format_utilisation(double ratio);

/// A fraction as a percentage with two significant digits: "0.021 %", "4.5 %", "< 0.001 %".
std::string format_percent(double fraction);

/// A number of the given kind the way the other cells read: "1.002 s", "9.44 KiB", "45.0 µs",
/// "1000", "4MiB".
std::string format_quantity(double value, Quantity quantity);

/// A parameter key as a reader says it: the unit suffix goes, since the display value carries it.
std::string param_label(std::string_view key);

}  // namespace concur
