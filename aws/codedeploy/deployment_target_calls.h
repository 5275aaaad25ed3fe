// ListDeploymentTargets (every page, following nextToken) and BatchGetDeploymentTargets (at most 25
// target ids per call, as the API reference limits it).
#pragma once

#include <string>
#include <vector>

#include "aws/codedeploy/codedeploy_call.h"
#include "aws/codedeploy/deployment_target.h"

namespace cdrun::aws {

inline constexpr std::size_t kMaxTargetsPerBatch = 25;

// The target ids of a deployment, all pages.
AwsResult<std::vector<std::string>> list_deployment_targets(const ServiceTarget& target,
                                                            const SigV4Credentials& credentials,
                                                            const std::string& deployment_id);

// The targets named by `target_ids`, in batches of kMaxTargetsPerBatch; the first failure ends it.
AwsResult<std::vector<DeploymentTarget>> batch_get_deployment_targets(const ServiceTarget& target,
                                                                      const SigV4Credentials& credentials,
                                                                      const std::string& deployment_id,
                                                                      const std::vector<std::string>& target_ids);

}  // namespace cdrun::aws
