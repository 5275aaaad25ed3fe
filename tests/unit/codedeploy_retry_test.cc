// push's CodeDeploy retries: throttling is retried for every call, server errors and lost answers
// only for idempotent ones; the delays double from the first and nothing here really sleeps.
#include <gtest/gtest.h>

#include <vector>

#include "runner/publish/codedeploy_retry.h"

namespace cdrun::publish {
namespace {

aws::AwsFailure service_failure(long status, const std::string& code) {
  aws::AwsFailure failure;
  failure.kind = aws::FailureKind::kService;
  failure.http_status = status;
  failure.code = code;
  return failure;
}

aws::AwsFailure lost_answer() {
  aws::AwsFailure failure;
  failure.kind = aws::FailureKind::kNetwork;
  return failure;
}

// A call failing with `failures` in turn, then answering "d-1".
struct ScriptedCall {
  std::vector<aws::AwsFailure> failures;
  int calls = 0;
  aws::AwsResult<std::string> operator()() {
    const int at = calls++;
    if (at < static_cast<int>(failures.size())) return aws::AwsResult<std::string>::fail(failures[at]);
    return aws::AwsResult<std::string>::success("d-1");
  }
};

struct Recorded {
  std::vector<int> sleeps;
  CodeDeployRetry retry() {
    CodeDeployRetry r;
    r.sleep = [this](int seconds) { sleeps.push_back(seconds); };
    return r;
  }
};

TEST(CodeDeployRetry, ThrottlingIsRetriedEvenForCreateDeploymentWithDoublingDelays) {
  Recorded recorded;
  ScriptedCall call{{service_failure(400, "ThrottlingException"), service_failure(429, "")}};
  const aws::AwsResult<std::string> result =
      call_with_retries<std::string>(recorded.retry(), false, [&] { return call(); });
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(*result.value, "d-1");
  EXPECT_EQ(call.calls, 3);
  EXPECT_EQ(recorded.sleeps, (std::vector<int>{1, 2}));
}

TEST(CodeDeployRetry, ServerErrorsAndLostAnswersAreRetriedOnlyWhenIdempotent) {
  Recorded once;
  ScriptedCall create{{service_failure(500, "InternalFailure")}};
  EXPECT_FALSE(call_with_retries<std::string>(once.retry(), false, [&] { return create(); }).ok());
  EXPECT_EQ(create.calls, 1) << "a second CreateDeployment could start a second deployment";
  EXPECT_TRUE(once.sleeps.empty());

  Recorded twice;
  ScriptedCall reg{{lost_answer(), service_failure(503, "ServiceUnavailable")}};
  EXPECT_TRUE(call_with_retries<std::string>(twice.retry(), true, [&] { return reg(); }).ok());
  EXPECT_EQ(reg.calls, 3);
}

TEST(CodeDeployRetry, RefusalsAreFinalAndAttemptsAreCapped) {
  Recorded recorded;
  ScriptedCall denied{{service_failure(400, "AccessDeniedException")}};
  EXPECT_FALSE(call_with_retries<std::string>(recorded.retry(), true, [&] { return denied(); }).ok());
  EXPECT_EQ(denied.calls, 1);

  ScriptedCall throttled{std::vector<aws::AwsFailure>(10, service_failure(400, "ThrottlingException"))};
  const aws::AwsResult<std::string> result =
      call_with_retries<std::string>(recorded.retry(), false, [&] { return throttled(); });
  EXPECT_FALSE(result.ok());
  EXPECT_EQ(result.failure.code, "ThrottlingException");
  EXPECT_EQ(throttled.calls, 4);
  EXPECT_EQ(recorded.sleeps, (std::vector<int>{1, 2, 4}));
}

}  // namespace
}  // namespace cdrun::publish
