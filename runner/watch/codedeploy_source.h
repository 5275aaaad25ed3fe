// The DeploymentSource of `cdrun watch`: one deployment, through CodeDeploy's JSON API.
#pragma once

#include <string>

#include "aws/core/sigv4_client.h"
#include "runner/watch/watch_ports.h"

namespace cdrun::watch {

class CodeDeploySource : public DeploymentSource {
 public:
  CodeDeploySource(aws::ServiceTarget target, aws::SigV4Credentials credentials, std::string deployment_id);
  aws::AwsResult<aws::DeploymentInfo> deployment() override;
  aws::AwsResult<std::vector<std::string>> target_ids() override;
  aws::AwsResult<std::vector<aws::DeploymentTarget>> targets(const std::vector<std::string>& ids) override;

 private:
  aws::ServiceTarget target_;
  aws::SigV4Credentials credentials_;
  std::string deployment_id_;
};

}  // namespace cdrun::watch
