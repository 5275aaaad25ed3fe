// The machine-readable report: one JSON object with the verdict, every diagnostic and the counts.
#include <nlohmann/json.hpp>

#include "runner/report/report.h"

namespace cdrun {
namespace {

// ordered_json keeps keys in the documented order, which makes the output easy to read and diff.
using Json = nlohmann::ordered_json;

Json agent_json(const AgentReport& agent) {
  Json json;
  if (!agent.version.empty()) json["version"] = agent.version;
  json["os"] = agent.agent_os;
  json["accepts"] = agent.accepts;
  json["message"] = agent.message ? Json(*agent.message) : Json(nullptr);
  json["crash"] = agent.crash;
  return json;
}

Json diagnostic_json(const Diagnostic& d) {
  Json json;
  json["severity"] = severity_name(d.severity);
  json["code"] = d.code;
  json["message"] = d.message;
  json["file"] = d.file;
  json["line"] = d.position.line > 0 ? d.position.line : 0;
  json["column"] = d.position.column > 0 ? d.position.column : 0;
  json["hint"] = d.hint;
  if (!d.option.empty()) json["option"] = d.option;
  return json;
}

}  // namespace

void write_json(std::ostream& out, const Report& report) {
  Json json;
  json["target"] = report.target;
  json["valid"] = report.valid();
  json["platform"] = report.platform.empty() ? Json(nullptr) : Json(report.platform);
  json["strict"] = report.strict;
  if (!report.read_error.empty()) json["error"] = report.read_error;
  if (!report.agents.empty()) {
    json["agent"] = agent_json(report.agents.front());
    json["agents"] = Json::array();
    for (const AgentReport& agent : report.agents) json["agents"].push_back(agent_json(agent));
  }
  json["diagnostics"] = Json::array();
  for (const Diagnostic& d : report_detail::sorted_diagnostics(report.diagnostics)) {
    json["diagnostics"].push_back(diagnostic_json(d));
  }
  const auto counts = report_detail::count_severities(report.diagnostics);
  json["summary"] = {{"errors", counts.errors}, {"warnings", counts.warnings}, {"notes", counts.notes}};
  // Messages quote user input, which may be any bytes; replace bad UTF-8 rather than throw.
  out << json.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

}  // namespace cdrun
