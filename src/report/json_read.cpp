#include "report/json_read.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/parse.hpp"
#include "core/usage_error.hpp"

namespace concur {
namespace {

using Json = nlohmann::json;

// The version of docs/json.md this reader understands.
constexpr int kSchemaVersion = 1;

// A JSON value with the path that reached it, so a message can say exactly what is wrong where.
struct Node {
  const Json& json;
  std::string where;
  const std::string& file;

  [[noreturn]] void fail(std::string_view what) const {
    throw UsageError(fmt::format("{}: {} {}", file, where.empty() ? "the document" : where, what));
  }
  [[nodiscard]] Node at(std::string_view key) const {
    const auto it = json.find(key);
    const std::string path = where.empty() ? std::string(key) : fmt::format("{}.{}", where, key);
    if (it == json.end()) throw UsageError(fmt::format("{}: {} is missing", file, path));
    return Node{*it, path, file};
  }
  [[nodiscard]] Node item(std::size_t i) const { return Node{json[i], fmt::format("{}[{}]", where, i), file}; }
  [[nodiscard]] const Json& object() const {
    if (!json.is_object()) fail("is not an object");
    return json;
  }
  /// Fails unless this node is an object: for a node whose members are then read one by one.
  void expect_object() const { static_cast<void>(object()); }
  [[nodiscard]] const Json& array() const {
    if (!json.is_array()) fail("is not an array");
    return json;
  }
  [[nodiscard]] double number() const {
    if (!json.is_number()) fail("is not a number");
    return json.get<double>();
  }
  [[nodiscard]] std::int64_t integer() const {
    if (!json.is_number_integer()) fail("is not a whole number");
    return json.get<std::int64_t>();
  }
  [[nodiscard]] std::string text() const {
    if (!json.is_string()) fail("is not a string");
    return json.get<std::string>();
  }
  [[nodiscard]] bool boolean() const {
    if (!json.is_boolean()) fail("is not true or false");
    return json.get<bool>();
  }
};

std::string read_file(const std::string& path) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error))
    throw UsageError(fmt::format("{}: is a directory, not a report", path));
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError(fmt::format("{}: cannot read it: {}", path, std::strerror(errno)));
  std::ostringstream text;
  text << in.rdbuf();
  if (!in.good() && !in.eof()) throw UsageError(fmt::format("{}: cannot read it", path));
  return text.str();
}

// A parameter as the table shows it: its unit from its key ("delay_ms" 100 → "100ms").
Param param_of(const std::string& key, const Node& value) {
  Param param{.key = key, .value = std::int64_t{0}, .display = {}};
  if (value.json.is_string()) {
    param.value = value.text();
    param.display = value.text();
  } else if (value.json.is_number_integer()) {
    param.value = value.integer();
    param.display = fmt::format("{}", value.integer());
  } else {
    param.value = value.number();
    param.display = fmt::format("{}", value.number());
  }
  const bool whole = value.json.is_number_integer() && value.integer() >= 0;
  if (key.ends_with("_ms") && value.json.is_number())
    param.display = format_duration(std::chrono::nanoseconds(static_cast<std::int64_t>(value.number() * 1e6)));
  else if (key.ends_with("_bytes") && whole)
    param.display = format_size(static_cast<std::uint64_t>(value.integer()));
  return param;
}

MachineInfo machine_of(const Node& node) {
  node.expect_object();
  MachineInfo machine;
  machine.cores = node.at("cores").integer();
  machine.cpu = node.at("cpu").text();
  machine.os = node.at("os").text();
  machine.compiler = node.at("compiler").text();
  machine.build = node.at("build").text();
  machine.flags = node.at("flags").text();
  machine.optimised = node.at("optimised").boolean();
  const Node warnings = node.at("warnings");
  for (std::size_t i = 0; i < warnings.array().size(); ++i) machine.warnings.push_back(warnings.item(i).text());
  return machine;
}

ModelResult row_of(const Node& node) {
  ModelResult row;
  row.model = node.at("model").text();
  row.tasks = node.at("tasks").integer();
  row.workers = node.at("workers").integer();
  row.verified = node.at("verified").boolean();
  const Node wall = node.at("wall_s");
  wall.expect_object();
  row.wall_s = Stats{.median = wall.at("median").number(),
                     .min = wall.at("min").number(),
                     .max = wall.at("max").number(),
                     .mean = wall.at("mean").number(),
                     .stddev = wall.at("stddev").number()};
  row.cpu_s = node.at("cpu_s").number();
  row.noise.range_pct = node.at("noise").at("range_pct").number();
  row.noise.noisy = node.at("noise").at("noisy").boolean();
  const Node runs = node.at("runs");
  for (std::size_t i = 0; i < runs.array().size(); ++i)
    row.runs.push_back(RunRecord{.wall_s = runs.item(i).at("wall_s").number()});
  if (node.json.contains("failure")) row.failure = node.at("failure").text();
  return row;
}

// What tells two blocks' parameters apart: every key with its value.
std::string params_text(const ScenarioResult& block) {
  std::string text;
  for (const Param& p : block.params) text += p.key + "=" + p.display + ";";
  return text;
}

// The block a result belongs to: the same scenario, parameters, tasks and sweep value.
ScenarioResult& block_for(Report& report, const Node& node, const ModelResult& row) {
  ScenarioResult key;
  key.scenario = node.at("scenario").text();
  key.tasks = row.tasks;
  const Node params = node.at("params");
  for (const auto& [name, value] : params.object().items()) key.params.push_back(param_of(name, params.at(name)));
  if (node.json.contains("sweep_value")) key.swept_value = node.at("sweep_value").number();
  for (ScenarioResult& block : report.scenarios)
    if (block.scenario == key.scenario && block.tasks == key.tasks && block.swept_value == key.swept_value &&
        params_text(block) == params_text(key))
      return block;
  return report.scenarios.emplace_back(std::move(key));
}

}  // namespace

Report parse_json_report(const std::string& text, const std::string& name) {
  const Json document = Json::parse(text, nullptr, false);
  if (document.is_discarded())
    throw UsageError(fmt::format("{}: not JSON (a concur-demo report is written by --export-json)", name));
  const Node root{document, "", name};
  if (!document.is_object() || !document.contains("tool") || document["tool"] != "concur-demo")
    throw UsageError(fmt::format("{}: not a concur-demo report (no \"tool\": \"concur-demo\")", name));
  if (document.contains("comparison") && !document.contains("results"))
    throw UsageError(fmt::format("{}: the output of compare, not a report (compare reads --export-json files)", name));
  if (!document.contains("schema_version"))
    throw UsageError(fmt::format("{}: no schema_version: written by an older concur-demo; export it again", name));
  if (const std::int64_t version = root.at("schema_version").integer(); version != kSchemaVersion)
    throw UsageError(fmt::format("{}: schema_version {}, this concur-demo reads {}", name, version, kSchemaVersion));
  Report report;
  report.version = root.at("version").text();
  if (document.contains("command")) report.command_line = root.at("command").text();
  report.machine = machine_of(root.at("machine"));
  const Node results = root.at("results");
  for (std::size_t i = 0; i < results.array().size(); ++i) {
    const Node result = results.item(i);
    result.expect_object();
    ModelResult row = row_of(result);
    block_for(report, result, row).rows.push_back(std::move(row));
  }
  return report;
}

Report read_json_report(const std::string& path) { return parse_json_report(read_file(path), path); }

}  // namespace concur
