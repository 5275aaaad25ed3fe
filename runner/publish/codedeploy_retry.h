// Retries of push's CodeDeploy calls, on the downloads' schedule (aws/http retry_schedule). Throttling
// means CodeDeploy refused the request before doing anything, so every call is retried after it. A
// server error or a lost answer may hide a call that took effect: retried only for a call that is
// idempotent (RegisterApplicationRevision registers the same revision again), never for
// CreateDeployment, where a retry could start a second deployment.
#pragma once

#include <functional>

#include "aws/core/aws_errors.h"
#include "aws/http/retry_schedule.h"

namespace cdrun::publish {

// 4 attempts, 1 s, 2 s and 4 s apart; tests set `sleep` to record instead of waiting.
struct CodeDeployRetry : aws::http::RetrySchedule {
  CodeDeployRetry() { attempts = 4; }
};

// Whether `failure` of a call (idempotent or not) is worth another attempt.
bool retry_codedeploy_call(const aws::AwsFailure& failure, bool idempotent);

// Runs `call` until it succeeds, fails for good, or the attempts are used up; its last result.
template <typename T>
aws::AwsResult<T> call_with_retries(const CodeDeployRetry& retry, bool idempotent,
                                    const std::function<aws::AwsResult<T>()>& call) {
  aws::AwsResult<T> result;
  aws::http::run_with_retries(retry, [&](int) {
    result = call();
    return result.ok() || !retry_codedeploy_call(result.failure, idempotent) ? aws::http::AttemptOutcome::kDone
                                                                             : aws::http::AttemptOutcome::kTransient;
  });
  return result;
}

}  // namespace cdrun::publish
