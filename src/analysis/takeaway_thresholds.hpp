// The thresholds the takeaways judge rows by, each with why it has that value. Shared by the
// takeaway of several rows against their baseline and the takeaway of rows without one.
#pragma once

#include <cstdint>

namespace concur::takeaway {

/// A speedup below this is no real gain: the runs of one row may spread over up to 20 % of their
/// median before the row counts as noisy (kNoisyRangeShare), so a smaller ratio between two
/// rows may be that spread alone.
inline constexpr double kRealGain = 1.25;

/// Below kRealGain but at least this much: the row gained little rather than nothing. Half-way
/// to kRealGain, and above the few per cent a quiet machine varies by.
inline constexpr double kSomeGain = 1.1;

/// Rows within this share of the best speedup count as fast together: among rows that close,
/// which one came first depends on the run, so naming only the winner would mislead.
inline constexpr double kNearBest = 0.8;

/// CPU time below this multiple of wall time means about one core computed at any moment: two
/// cores computing together would show close to 2; the margin above 1 leaves room for the
/// process's other threads and for jitter.
inline constexpr double kAboutOneCore = 1.3;

/// A model that kept fewer than tasks / kCapDivisor in flight ran its waits in three rounds or
/// more, worth a sentence; at half the tasks (two rounds) the speedup column says enough.
inline constexpr std::int64_t kCapDivisor = 2;

/// A run of waiting tasks that took less than this many times one task's time overlapped all
/// its waits: "about one task's time". Half a task more than one leaves room for start-up and
/// jitter, yet two rounds of waits (2.0) never pass for one.
inline constexpr double kAboutOneTask = 1.5;

}  // namespace concur::takeaway
