#include "runner/publish/codedeploy_retry.h"

#include <chrono>
#include <thread>

namespace cdrun::publish {

bool retry_codedeploy_call(const aws::AwsFailure& failure, bool idempotent) {
  const bool throttled = failure.code == "ThrottlingException" || failure.code == "Throttling" ||
                         failure.code == "RequestLimitExceeded" || failure.http_status == 429;
  if (throttled) return true;
  return idempotent && aws::is_transient(failure);
}

void sleep_seconds(const CodeDeployRetry& retry, double seconds) {
  if (retry.sleep) {
    retry.sleep(seconds);
    return;
  }
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
}

}  // namespace cdrun::publish
