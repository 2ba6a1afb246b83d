// A report as `concur-demo all` makes one, from fixed values: every core model and a variant on
// sleep (one row noisy), a files block whose async row failed on a file named with an escape
// sequence and a line break, and a factorial block without its sequential row. The terminal
// tests lay it out at many widths and in both character sets.
#pragma once

#include "core/results.hpp"

namespace concur::test {

/// The fixed report described above.
Report classroom_report();

/// The escape sequence inside the failing file's name: it must never reach a terminal raw.
inline constexpr char kHostileName[] = "evil\x1b[31mRED\nfile\xc2\x9b.bin";

}  // namespace concur::test
