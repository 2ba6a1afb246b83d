// The JSON document of `--format json`, the contract scripts rely on: docs/json.md describes
// every key. ordered_json keeps keys in contract order so a diff between two runs reads like
// that page.
#include <algorithm>
#include <string>
#include <variant>

#include <nlohmann/json.hpp>

#include "report/formats.hpp"

namespace concur {
namespace {

using Json = nlohmann::ordered_json;

// The contract's version (docs/json.md): adding a key keeps it; a key that changes meaning or
// disappears raises it, so a script can refuse a document it does not understand.
constexpr int kSchemaVersion = 1;

Json param_value(const Param& param) {
  return std::visit([](const auto& value) { return Json(value); }, param.value);
}

Json run_json(const RunRecord& run, bool outlier) {
  Json json;
  json["wall_s"] = run.wall_s;
  json["cpu_s"] = run.cpu_s;
  json["peak_rss_kib"] = run.peak_rss_kib;
  json["voluntary_ctx"] = run.voluntary_ctx;
  json["involuntary_ctx"] = run.involuntary_ctx;
  json["os_threads"] = run.os_threads;
  json["processes"] = run.processes;
  json["max_in_flight"] = run.max_in_flight;
  json["verified"] = run.verified;
  json["memory_growth_kib"] = run.memory_growth_kib;
  json["outlier"] = outlier;
  return json;
}

Json result_json(const Report& report, const ScenarioResult& scenario, const ModelResult& row) {
  Json json;
  json["scenario"] = scenario.scenario;
  json["model"] = row.model;
  json["tasks"] = row.tasks;
  json["workers"] = row.workers;
  Json params = Json::object();  // `{}` rather than null when a scenario has no parameters
  for (const Param& param : scenario.params) params[param.key] = param_value(param);
  json["params"] = std::move(params);
  json["verified"] = row.verified;
  json["wall_s"] = {{"median", row.wall_s.median},
                    {"min", row.wall_s.min},
                    {"max", row.wall_s.max},
                    {"mean", row.wall_s.mean},
                    {"stddev", row.wall_s.stddev}};
  json["cpu_s"] = row.cpu_s;
  json["peak_rss_kib"] = row.peak_rss_kib;
  json["os_threads"] = row.os_threads;
  json["processes"] = row.processes;
  json["max_in_flight"] = row.max_in_flight;
  // Always present: scripts can test for null instead of for a missing key.
  json["speedup"] = row.speedup ? Json(*row.speedup) : Json(nullptr);
  // Only rows compared with another baseline than sequential say so (Python rows: py-sequential).
  if (!row.baseline.empty() && row.baseline != "sequential") json["speedup_baseline"] = row.baseline;
  json["overhead_per_task_us"] = row.overhead_per_task_us;
  json["cpu_utilisation"] = row.cpu_utilisation;
  json["voluntary_ctx"] = row.voluntary_ctx;
  json["involuntary_ctx"] = row.involuntary_ctx;
  json["rss_per_task_kib"] = row.rss_per_task_kib;
  json["noise"] = {{"range_pct", row.noise.range_pct}, {"outliers", row.noise.outliers}, {"noisy", row.noise.noisy}};
  json["bookkeeping_share"] = row.bookkeeping_share;
  if (report.sweep && scenario.swept_value) json["sweep_value"] = *scenario.swept_value;
  if (!row.failure.empty()) json["failure"] = row.failure;
  if (!row.note.empty()) json["note"] = row.note;
  json["ideal_back_to_back_s"] = scenario.back_to_back_s;
  json["ideal_overlap_s"] = scenario.perfect_overlap_s;
  Json runs = Json::array();
  for (std::size_t i = 0; i < row.runs.size(); ++i) {
    const auto& outliers = row.noise.outliers;
    runs.push_back(run_json(row.runs[i], std::find(outliers.begin(), outliers.end(), i) != outliers.end()));
  }
  json["runs"] = std::move(runs);
  return json;
}

class JsonReporter final : public Reporter {
 public:
  void write(const Report& report, std::ostream& out) const override {
    Json document;
    document["schema_version"] = kSchemaVersion;
    document["tool"] = report.tool;
    document["version"] = report.version;
    document["command"] = report.command_line;
    const MachineInfo& machine = report.machine;
    document["machine"] = {{"cores", machine.cores},
                           {"cpu", machine.cpu},
                           {"os", machine.os},
                           {"compiler", machine.compiler},
                           {"boost", machine.boost},
                           {"build", machine.build},
                           {"flags", machine.flags},
                           {"governor", machine.governor.empty() ? Json(nullptr) : Json(machine.governor)},
                           {"optimised", machine.optimised},
                           {"warnings", machine.warnings}};
    document["calibration"] = {{"bookkeeping_ns_per_task", report.calibration.bookkeeping_ns_per_task}};
    if (report.sweep) {
      Json values = Json::array();
      for (const ScenarioResult& scenario : report.scenarios)
        if (scenario.swept_value) values.push_back(*scenario.swept_value);
      document["sweep"] = {{"key", report.sweep->key},
                           {"unit", report.sweep->unit},
                           {"metric", report.sweep->metric},
                           {"values", std::move(values)}};
    }
    Json results = Json::array();
    for (const ScenarioResult& scenario : report.scenarios) {
      for (const ModelResult& row : scenario.rows) results.push_back(result_json(report, scenario, row));
    }
    document["results"] = std::move(results);
    // Replace rather than throw on invalid UTF-8: a CPU name read from /proc must not turn a
    // finished measurement into a crash.
    out << document.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
  }
};

}  // namespace

std::unique_ptr<Reporter> make_json_reporter(const RenderOptions&) { return std::make_unique<JsonReporter>(); }

}  // namespace concur
