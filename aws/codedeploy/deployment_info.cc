#include "aws/codedeploy/deployment_info.h"

#include <cmath>

#include "aws/core/utc_time.h"

namespace cdrun::aws {
namespace {

long json_count(const nlohmann::json& object, const char* name) {
  auto it = object.find(name);
  return it != object.end() && it->is_number() ? it->get<long>() : 0;
}

const nlohmann::json& json_member_object(const nlohmann::json& object, const char* name) {
  static const nlohmann::json empty = nlohmann::json::object();
  auto it = object.find(name);
  return it != object.end() && it->is_object() ? *it : empty;
}

}  // namespace

bool DeploymentOverview::operator==(const DeploymentOverview& other) const {
  return pending == other.pending && in_progress == other.in_progress && succeeded == other.succeeded &&
         failed == other.failed && skipped == other.skipped && ready == other.ready;
}

bool deployment_ended(const std::string& status) {
  return status == "Succeeded" || status == "Failed" || status == "Stopped";
}

std::string json_timestamp(const nlohmann::json& object, const char* name) {
  auto it = object.find(name);
  if (it == object.end()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number()) return format_utc_timestamp(static_cast<std::time_t>(std::floor(it->get<double>())));
  return "";
}

DeploymentInfo parse_deployment_info(const nlohmann::json& info) {
  DeploymentInfo deployment;
  if (!info.is_object()) return deployment;
  deployment.deployment_id = json_string(info, "deploymentId");
  deployment.application_name = json_string(info, "applicationName");
  deployment.deployment_group_name = json_string(info, "deploymentGroupName");
  deployment.compute_platform = json_string(info, "computePlatform");
  deployment.status = json_string(info, "status");
  const nlohmann::json& overview = json_member_object(info, "deploymentOverview");
  deployment.overview.pending = json_count(overview, "Pending");
  deployment.overview.in_progress = json_count(overview, "InProgress");
  deployment.overview.succeeded = json_count(overview, "Succeeded");
  deployment.overview.failed = json_count(overview, "Failed");
  deployment.overview.skipped = json_count(overview, "Skipped");
  deployment.overview.ready = json_count(overview, "Ready");
  const nlohmann::json& error = json_member_object(info, "errorInformation");
  deployment.error_code = json_string(error, "code");
  deployment.error_message = json_string(error, "message");
  const nlohmann::json& rollback = json_member_object(info, "rollbackInfo");
  deployment.rollback_deployment_id = json_string(rollback, "rollbackDeploymentId");
  deployment.rollback_message = json_string(rollback, "rollbackMessage");
  deployment.create_time = json_timestamp(info, "createTime");
  deployment.complete_time = json_timestamp(info, "completeTime");
  return deployment;
}

AwsResult<DeploymentInfo> get_deployment(const ServiceTarget& target, const SigV4Credentials& credentials,
                                         const std::string& deployment_id) {
  AwsResult<nlohmann::json> answer =
      call_codedeploy(target, credentials, "GetDeployment", {{"deploymentId", deployment_id}});
  if (!answer.ok()) return AwsResult<DeploymentInfo>::fail(answer.failure);
  return AwsResult<DeploymentInfo>::success(parse_deployment_info(json_member_object(*answer.value, "deploymentInfo")));
}

}  // namespace cdrun::aws
