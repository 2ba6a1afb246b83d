// What the lessons' judges share: the rows they read, found by model name, and how the numbers
// read in a verdict ("1.01 delays", "on 1 thread", "1.93×").
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "registry/lessons.hpp"

namespace concur {

/// The rows of a report a judge reads, by model name (the first scenario that has each).
class LessonRows {
 public:
  /// Finds `models` in `report`.
  LessonRows(const Report& report, std::initializer_list<std::string_view> models);
  /// The verdict when a row is missing or failed (nothing to judge); empty when all are there.
  [[nodiscard]] std::optional<LessonVerdict> problem() const;
  /// Whether `model` was measured and verified (for rows a judge only mentions when present).
  [[nodiscard]] bool has(std::string_view model) const;
  /// The row of `model`; only for a model named at construction, or one has() confirmed.
  [[nodiscard]] const ModelResult& operator[](std::string_view model) const;
  /// The scenario of the first row found.
  [[nodiscard]] const ScenarioResult& scenario() const;

 private:
  const Report& report_;
  std::vector<std::string_view> wanted_;
};

/// A row's wall median in delays of its (I/O-bound) scenario: the time of one wait.
double delays(const ScenarioResult& scenario, const ModelResult& row);

/// "1 thread", "21 threads", "301 processes".
std::string place_phrase(const ModelResult& row);

/// A verdict: shown, or not with `why` (dropped when shown).
LessonVerdict verdict(bool shown, std::string what, std::string why);

/// "1.93×", or "–" without a speedup.
std::string times(const ModelResult& row);

}  // namespace concur
