// A deployment's targets and their lifecycle events, as BatchGetDeploymentTargets answers them.
// Shapes from the CodeDeploy API reference: "DeploymentTarget" (deploymentTargetType and one of
// instanceTarget, lambdaTarget, ecsTarget, cloudFormationTarget), "InstanceTarget", "LambdaTarget",
// "ECSTarget", "LifecycleEvent" and "Diagnostics":
// https://docs.aws.amazon.com/codedeploy/latest/APIReference/API_DeploymentTarget.html
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace cdrun::aws {

// Diagnostics of a lifecycle event's scripts. errorCode: Success | ScriptMissing |
// ScriptNotExecutable | ScriptTimedOut | ScriptFailed | UnknownError; logTail: up to the last 4 KB.
struct LifecycleDiagnostics {
  std::string error_code;
  std::string script_name;
  std::string message;
  std::string log_tail;
};

struct LifecycleEvent {
  std::string name;    // lifecycleEventName: "BeforeInstall", "AfterAllowTraffic", ...
  std::string status;  // Pending | InProgress | Succeeded | Failed | Skipped | Unknown
  std::string start_time;  // ISO 8601 UTC, "" when absent
  std::string end_time;
  LifecycleDiagnostics diagnostics;
};

// Whether an event or a target has reached a status it does not leave.
bool lifecycle_status_final(const std::string& status);

struct DeploymentTarget {
  std::string type;       // deploymentTargetType: InstanceTarget | LambdaTarget | ECSTarget | CloudFormationTarget
  std::string target_id;  // the instance id or name, the function, the ECS service
  std::string target_arn;
  // Pending | InProgress | Succeeded | Failed | Skipped | Unknown | Ready
  std::string status;
  std::string last_updated_at;
  std::string instance_label;  // Blue | Green (blue/green instance targets), else ""
  std::vector<LifecycleEvent> lifecycle_events;
};

// One element of deploymentTargets. Whichever of the typed members is present is read; they share
// targetId, targetArn, status, lastUpdatedAt and lifecycleEvents.
DeploymentTarget parse_deployment_target(const nlohmann::json& target);

}  // namespace cdrun::aws
