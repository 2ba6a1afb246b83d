#include "registry/lesson_rows.hpp"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

namespace concur {
namespace {

const ModelResult* find(const Report& report, std::string_view model, const ScenarioResult** scenario = nullptr) {
  for (const ScenarioResult& s : report.scenarios)
    for (const ModelResult& row : s.rows)
      if (row.model == model) {
        if (scenario != nullptr) *scenario = &s;
        return &row;
      }
  return nullptr;
}

}  // namespace

LessonRows::LessonRows(const Report& report, std::initializer_list<std::string_view> models)
    : report_(report), wanted_(models) {}

std::optional<LessonVerdict> LessonRows::problem() const {
  for (const std::string_view model : wanted_) {
    const ModelResult* row = find(report_, model);
    if (row == nullptr)
      return LessonVerdict{.shown = Shown::no, .what = {}, .why = fmt::format("no {} row was measured", model)};
    if (!row->verified)
      return LessonVerdict{.shown = Shown::no,
                           .what = {},
                           .why = fmt::format("{} failed: {}", model,
                                              row->failure.empty() ? "its results did not verify" : row->failure)};
  }
  return std::nullopt;
}

bool LessonRows::has(std::string_view model) const {
  const ModelResult* row = find(report_, model);
  return row != nullptr && row->verified;
}

const ModelResult& LessonRows::operator[](std::string_view model) const {
  const ModelResult* row = find(report_, model);
  if (row == nullptr) throw std::logic_error(fmt::format("a lesson's judge read a row it did not find: {}", model));
  return *row;
}

const ScenarioResult& LessonRows::scenario() const {
  const ScenarioResult* scenario = nullptr;
  if (wanted_.empty() || find(report_, wanted_.front(), &scenario) == nullptr)
    throw std::logic_error("a lesson's judge read a scenario it did not find");
  return *scenario;
}

double delays(const ScenarioResult& scenario, const ModelResult& row) {
  return scenario.perfect_overlap_s > 0 ? row.wall_s.median / scenario.perfect_overlap_s : 0.0;
}

std::string place_phrase(const ModelResult& row) {
  if (row.processes > 1) return fmt::format("{} processes", row.processes);
  return row.os_threads == 1 ? "1 thread" : fmt::format("{} threads", row.os_threads);
}

LessonVerdict verdict(bool shown, std::string what, std::string why) {
  return {
      .shown = shown ? Shown::yes : Shown::no, .what = std::move(what), .why = shown ? std::string() : std::move(why)};
}

std::string times(const ModelResult& row) {
  if (!row.speedup) return "–";
  const double x = *row.speedup;
  return x >= 10 ? fmt::format("{:.1f}×", x) : fmt::format("{:.2f}×", x);
}

}  // namespace concur
