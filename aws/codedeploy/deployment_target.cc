#include "aws/codedeploy/deployment_target.h"

#include "aws/codedeploy/codedeploy_call.h"
#include "aws/codedeploy/deployment_info.h"

namespace cdrun::aws {
namespace {

LifecycleEvent parse_lifecycle_event(const nlohmann::json& event) {
  LifecycleEvent parsed;
  parsed.name = json_string(event, "lifecycleEventName");
  parsed.status = json_string(event, "status");
  parsed.start_time = json_timestamp(event, "startTime");
  parsed.end_time = json_timestamp(event, "endTime");
  auto diagnostics = event.find("diagnostics");
  if (diagnostics != event.end() && diagnostics->is_object()) {
    parsed.diagnostics.error_code = json_string(*diagnostics, "errorCode");
    parsed.diagnostics.script_name = json_string(*diagnostics, "scriptName");
    parsed.diagnostics.message = json_string(*diagnostics, "message");
    parsed.diagnostics.log_tail = json_string(*diagnostics, "logTail");
  }
  return parsed;
}

}  // namespace

bool lifecycle_status_final(const std::string& status) {
  return status == "Succeeded" || status == "Failed" || status == "Skipped";
}

DeploymentTarget parse_deployment_target(const nlohmann::json& target) {
  DeploymentTarget parsed;
  if (!target.is_object()) return parsed;
  parsed.type = json_string(target, "deploymentTargetType");
  for (const char* member : {"instanceTarget", "lambdaTarget", "ecsTarget", "cloudFormationTarget"}) {
    auto it = target.find(member);
    if (it == target.end() || !it->is_object()) continue;
    const nlohmann::json& typed = *it;
    parsed.target_id = json_string(typed, "targetId");
    parsed.target_arn = json_string(typed, "targetArn");
    parsed.status = json_string(typed, "status");
    parsed.last_updated_at = json_timestamp(typed, "lastUpdatedAt");
    parsed.instance_label = json_string(typed, "instanceLabel");
    auto events = typed.find("lifecycleEvents");
    if (events != typed.end() && events->is_array()) {
      for (const nlohmann::json& event : *events) parsed.lifecycle_events.push_back(parse_lifecycle_event(event));
    }
    break;
  }
  return parsed;
}

}  // namespace cdrun::aws
