#include "runner/report/deploy_report.h"

#include <nlohmann/json.hpp>

namespace cdrun {
namespace {

const char* status_name(DeploymentStatus status) {
  switch (status) {
    case DeploymentStatus::succeeded: return "succeeded";
    case DeploymentStatus::script_failed: return "script-failed";
    case DeploymentStatus::error_reported:
    case DeploymentStatus::error_uncaught: return "error";
  }
  return "error";
}

nlohmann::ordered_json script_json(const ScriptReport& s) {
  nlohmann::ordered_json j;
  j["location"] = s.location;
  j["path"] = s.path;
  j["runas"] = s.runas.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(s.runas);
  j["timeout"] = s.timeout;
  j["exit_code"] = s.exit_code >= 0 ? nlohmann::ordered_json(s.exit_code) : nlohmann::ordered_json(nullptr);
  j["agent_error_code"] = s.agent_error_code;
  j["reason"] = s.reason.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(s.reason);
  j["duration_ms"] = s.duration_ms;
  j["output_tail"] = s.output_tail;
  nlohmann::ordered_json holders = nlohmann::ordered_json::array();
  for (const PipeHolder& h : s.lingering) holders.push_back({{"pid", h.pid}, {"command", h.command}});
  j["lingering"] = holders;
  return j;
}

}  // namespace

void write_deploy_json(std::ostream& out, const DeploymentInput& input, const DeploymentOutcome& outcome) {
  nlohmann::ordered_json j;
  j["deployment_id"] = input.layout.deployment_id;
  j["deployment_group_id"] = input.layout.group_id;
  j["deployment_dir"] = input.layout.deployment_dir();
  j["status"] = status_name(outcome.status);
  j["error"] = outcome.error.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(outcome.error);
  j["scripts_log"] = input.layout.scripts_log();
  nlohmann::ordered_json events = nlohmann::ordered_json::array();
  for (const EventReport& e : outcome.events) {
    nlohmann::ordered_json ej;
    ej["event"] = e.event;
    ej["outcome"] = e.outcome;
    ej["duration_ms"] = e.duration_ms;
    if (e.hook) {
      ej["revision_dir"] = e.hook->revision_dir.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(e.hook->revision_dir);
      ej["previous_revision"] = e.hook->previous_revision;
      nlohmann::ordered_json scripts = nlohmann::ordered_json::array();
      for (const ScriptReport& s : e.hook->scripts) scripts.push_back(script_json(s));
      ej["scripts"] = scripts;
    }
    ej["detail"] = e.detail;
    events.push_back(ej);
  }
  j["events"] = events;
  out << j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
}

}  // namespace cdrun
