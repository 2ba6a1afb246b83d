// The comparison for scripts: CSV with one record per row and report (a tidy sheet: filter by
// report, pivot by model), and a JSON document whose shape docs/json.md gives.
#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include "report/compare_report.hpp"

namespace concur {
namespace {

using Json = nlohmann::ordered_json;

constexpr int kSchemaVersion = 1;

std::string csv_field(std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(field);
  std::string out = "\"";
  for (const char c : field) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string csv(const Comparison& comparison) {
  std::string text =
      "scenario,setting,model,report,file,cores,cpu,os,workers,verified,wall_median_s,wall_min_s,wall_max_s,ratio,"
      "within_noise\r\n";
  for (const ComparedRow& row : comparison.rows)
    for (std::size_t i = 0; i < row.cells.size(); ++i) {
      const ComparedCell& cell = row.cells[i];
      if (!cell.present) continue;
      const MachineInfo& m = comparison.machines[i];
      const std::vector<std::string> fields{row.scenario,
                                            row.setting,
                                            row.model,
                                            report_letter(i),
                                            comparison.names[i],
                                            fmt::format("{}", m.cores),
                                            m.cpu,
                                            m.os,
                                            fmt::format("{}", cell.workers),
                                            cell.verified ? "true" : "false",
                                            fmt::format("{:.6f}", cell.wall_s.median),
                                            fmt::format("{:.6f}", cell.wall_s.min),
                                            fmt::format("{:.6f}", cell.wall_s.max),
                                            cell.ratio ? fmt::format("{:.4f}", *cell.ratio) : std::string(),
                                            i == 0 ? std::string() : (cell.within_noise ? "true" : "false")};
      for (std::size_t f = 0; f < fields.size(); ++f) {
        if (f != 0) text += ',';  // appended: g++ 12 warns falsely (-Wrestrict) on "," + a temporary
        text += csv_field(fields[f]);
      }
      text += "\r\n";
    }
  return text;
}

Json cell_json(const Comparison& comparison, const ComparedCell& cell, std::size_t i) {
  if (!cell.present) return Json{{"report", report_letter(i)}, {"present", false}};
  return Json{{"report", report_letter(i)},
              {"present", true},
              {"verified", cell.verified},
              {"workers", cell.workers},
              {"wall_s", {{"median", cell.wall_s.median}, {"min", cell.wall_s.min}, {"max", cell.wall_s.max}}},
              {"ratio", cell.ratio ? Json(*cell.ratio) : Json(nullptr)},
              {"within_noise", i == 0 ? Json(nullptr) : Json(cell.within_noise)},
              {"file", comparison.names[i]}};
}

std::string json(const Comparison& comparison) {
  Json reports = Json::array();
  for (std::size_t i = 0; i < comparison.names.size(); ++i) {
    const MachineInfo& m = comparison.machines[i];
    reports.push_back(Json{{"report", report_letter(i)},
                           {"file", comparison.names[i]},
                           {"machine", {{"cores", m.cores}, {"cpu", m.cpu}, {"os", m.os}, {"build", m.build}}},
                           {"command", comparison.commands[i]}});
  }
  Json rows = Json::array();
  for (const ComparedRow& row : comparison.rows) {
    Json cells = Json::array();
    for (std::size_t i = 0; i < row.cells.size(); ++i) cells.push_back(cell_json(comparison, row.cells[i], i));
    rows.push_back(Json{{"scenario", row.scenario}, {"setting", row.setting}, {"model", row.model}, {"cells", cells}});
  }
  const Json document{
      {"schema_version", kSchemaVersion},
      {"tool", "concur-demo"},
      {"comparison", {{"reports", reports}, {"rows", rows}, {"not_compared", comparison.not_compared}}}};
  return document.dump(2, ' ', false, Json::error_handler_t::replace) + '\n';
}

}  // namespace

std::string comparison_data(const Comparison& comparison, Format format) {
  return format == Format::csv ? csv(comparison) : json(comparison);
}

}  // namespace concur
