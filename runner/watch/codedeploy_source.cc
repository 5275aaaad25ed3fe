#include "runner/watch/codedeploy_source.h"

#include <chrono>
#include <thread>

#include "aws/codedeploy/deployment_target_calls.h"

namespace cdrun::watch {

double SystemClock::now_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

void SystemClock::sleep_seconds(double seconds) {
  if (seconds > 0) std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
}

CodeDeploySource::CodeDeploySource(aws::ServiceTarget target, aws::SigV4Credentials credentials,
                                   std::string deployment_id)
    : target_(std::move(target)), credentials_(std::move(credentials)), deployment_id_(std::move(deployment_id)) {}

aws::AwsResult<aws::DeploymentInfo> CodeDeploySource::deployment() {
  return aws::get_deployment(target_, credentials_, deployment_id_);
}

aws::AwsResult<std::vector<std::string>> CodeDeploySource::target_ids() {
  return aws::list_deployment_targets(target_, credentials_, deployment_id_);
}

aws::AwsResult<std::vector<aws::DeploymentTarget>> CodeDeploySource::targets(const std::vector<std::string>& ids) {
  return aws::batch_get_deployment_targets(target_, credentials_, deployment_id_, ids);
}

}  // namespace cdrun::watch
