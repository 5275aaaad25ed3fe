#include "runner/publish/codedeploy_retry.h"

namespace cdrun::publish {

bool retry_codedeploy_call(const aws::AwsFailure& failure, bool idempotent) {
  const bool throttled = failure.code == "ThrottlingException" || failure.code == "Throttling" ||
                         failure.code == "RequestLimitExceeded" || failure.http_status == 429;
  if (throttled) return true;
  return idempotent && aws::is_transient(failure);
}

}  // namespace cdrun::publish
