#include "aws/codedeploy/deployment_target_calls.h"

#include <algorithm>

namespace cdrun::aws {

AwsResult<std::vector<std::string>> list_deployment_targets(const ServiceTarget& target,
                                                            const SigV4Credentials& credentials,
                                                            const std::string& deployment_id) {
  std::vector<std::string> ids;
  std::string next_token;
  do {
    nlohmann::json input{{"deploymentId", deployment_id}};
    if (!next_token.empty()) input["nextToken"] = next_token;
    AwsResult<nlohmann::json> page = call_codedeploy(target, credentials, "ListDeploymentTargets", input);
    if (!page.ok()) return AwsResult<std::vector<std::string>>::fail(page.failure);
    auto listed = page.value->find("targetIds");
    if (listed != page.value->end() && listed->is_array()) {
      for (const nlohmann::json& id : *listed) {
        if (id.is_string()) ids.push_back(id.get<std::string>());
      }
    }
    next_token = json_string(*page.value, "nextToken");
  } while (!next_token.empty());
  return AwsResult<std::vector<std::string>>::success(std::move(ids));
}

AwsResult<std::vector<DeploymentTarget>> batch_get_deployment_targets(const ServiceTarget& target,
                                                                      const SigV4Credentials& credentials,
                                                                      const std::string& deployment_id,
                                                                      const std::vector<std::string>& target_ids) {
  std::vector<DeploymentTarget> targets;
  for (std::size_t first = 0; first < target_ids.size(); first += kMaxTargetsPerBatch) {
    const std::size_t last = std::min(target_ids.size(), first + kMaxTargetsPerBatch);
    nlohmann::json input{{"deploymentId", deployment_id},
                         {"targetIds", std::vector<std::string>(target_ids.begin() + first, target_ids.begin() + last)}};
    AwsResult<nlohmann::json> batch = call_codedeploy(target, credentials, "BatchGetDeploymentTargets", input);
    if (!batch.ok()) return AwsResult<std::vector<DeploymentTarget>>::fail(batch.failure);
    auto answered = batch.value->find("deploymentTargets");
    if (answered != batch.value->end() && answered->is_array()) {
      for (const nlohmann::json& one : *answered) targets.push_back(parse_deployment_target(one));
    }
  }
  return AwsResult<std::vector<DeploymentTarget>>::success(std::move(targets));
}

}  // namespace cdrun::aws
