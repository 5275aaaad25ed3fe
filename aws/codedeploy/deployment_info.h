// GetDeployment: what cdrun watch reads of a deployment. Shapes from the CodeDeploy API reference,
// "GetDeployment" and "DeploymentInfo" (with "DeploymentOverview", "ErrorInformation" and
// "RollbackInfo"): https://docs.aws.amazon.com/codedeploy/latest/APIReference/API_DeploymentInfo.html
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "aws/codedeploy/codedeploy_call.h"

namespace cdrun::aws {

// deploymentOverview: how many instances are in each state (EC2/on-premises deployments).
struct DeploymentOverview {
  long pending = 0;
  long in_progress = 0;
  long succeeded = 0;
  long failed = 0;
  long skipped = 0;
  long ready = 0;
  bool operator==(const DeploymentOverview& other) const;
  bool operator!=(const DeploymentOverview& other) const { return !(*this == other); }
};

struct DeploymentInfo {
  std::string deployment_id;
  std::string application_name;
  std::string deployment_group_name;
  std::string compute_platform;  // Server | Lambda | ECS
  // Created | Queued | InProgress | Baking | Succeeded | Failed | Stopped | Ready
  std::string status;
  DeploymentOverview overview;
  std::string error_code;     // errorInformation.code, e.g. "HEALTH_CONSTRAINTS"
  std::string error_message;  // errorInformation.message
  std::string rollback_deployment_id;  // rollbackInfo.rollbackDeploymentId: the rollback this one started
  std::string rollback_message;        // rollbackInfo.rollbackMessage
  std::string create_time;    // ISO 8601 UTC ("" when absent)
  std::string complete_time;
};

// True for the statuses after which a deployment never changes again.
bool deployment_ended(const std::string& status);

// The deploymentInfo member of a GetDeployment answer. Absent or null members stay empty (moto
// answers null times and empty errorInformation objects).
DeploymentInfo parse_deployment_info(const nlohmann::json& info);

// A timestamp member as ISO 8601 UTC: the JSON protocol sends epoch seconds (a number); some
// emulators send a string, kept as written. "" when absent.
std::string json_timestamp(const nlohmann::json& object, const char* name);

AwsResult<DeploymentInfo> get_deployment(const ServiceTarget& target, const SigV4Credentials& credentials,
                                         const std::string& deployment_id);

}  // namespace cdrun::aws
