// Retries of push's CodeDeploy calls. Throttling means CodeDeploy refused the request before doing
// anything, so every call is retried after it. A server error or a lost answer may hide a call that
// took effect: retried only for a call that is idempotent (RegisterApplicationRevision registers the
// same revision again), never for CreateDeployment, where a retry could start a second deployment.
#pragma once

#include <functional>

#include "aws/core/aws_errors.h"

namespace cdrun::publish {

struct CodeDeployRetry {
  int attempts = 4;            // in all, the first included
  double first_delay = 1;      // seconds; doubles after each retry (1, 2, 4)
  std::function<void(double seconds)> sleep;  // the real sleep when empty; tests record instead
};

// Whether `failure` of a call (idempotent or not) is worth another attempt.
bool retry_codedeploy_call(const aws::AwsFailure& failure, bool idempotent);

// Runs `call` until it succeeds, fails for good, or the attempts are used up.
template <typename T>
aws::AwsResult<T> call_with_retries(const CodeDeployRetry& retry, bool idempotent,
                                    const std::function<aws::AwsResult<T>()>& call);

void sleep_seconds(const CodeDeployRetry& retry, double seconds);

template <typename T>
aws::AwsResult<T> call_with_retries(const CodeDeployRetry& retry, bool idempotent,
                                    const std::function<aws::AwsResult<T>()>& call) {
  double delay = retry.first_delay;
  for (int attempt = 1;; ++attempt) {
    aws::AwsResult<T> result = call();
    if (result.ok() || attempt >= retry.attempts || !retry_codedeploy_call(result.failure, idempotent)) return result;
    sleep_seconds(retry, delay);
    delay *= 2;
  }
}

}  // namespace cdrun::publish
