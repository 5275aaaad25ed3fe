// The SigV4 client and the STS/CodeDeploy calls against moto with signature and policy checks on:
// what moto verifies (signature, key, token, policies) and, through the Authorization hook, what it
// does not (the credential scope's region and service).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "aws/onprem/codedeploy_onprem_api.h"
#include "aws/core/sts_assume_role.h"
#include "tests/aws/onprem_test_support.h"

namespace cdrun::testing {
namespace {

using aws::AssumeRoleRequest;
using aws::AwsResult;
using aws::SigV4Credentials;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;

class OnPremSigV4 : public ::testing::Test {
 protected:
  void SetUp() override {
    user = create_onprem_account(moto, {"codedeploy:GetOnPremisesInstance"});
    moto.enforce_auth();
  }
  aws::ServiceTarget target(const std::string& region) const { return {moto.endpoint(), region, ""}; }
  SigV4Credentials user_keys() const { return {user.access_key_id, user.secret_access_key, ""}; }

  MotoServer moto;
  OnPremUser user;
};

TEST_F(OnPremSigV4, AssumeRoleIsSignedWithTheRegionAndStsInTheCredentialScope) {
  std::vector<std::string> authorizations;
  const AwsResult<aws::AssumedRole> role =
      aws::assume_role(target("eu-central-1"), AssumeRoleRequest{kRoleArn, "scope-check", 900}, user_keys(),
                       [&](const std::string& line) { authorizations.push_back(line); });
  ASSERT_TRUE(role.ok()) << role.failure.code << ": " << role.failure.message;
  EXPECT_EQ(role.value->arn, session_arn_for("scope-check"));
  EXPECT_THAT(role.value->credentials.access_key_id, MatchesRegex("ASIA[A-Z0-9]+"));
  ASSERT_EQ(authorizations.size(), 1u);
  EXPECT_THAT(authorizations[0],
              MatchesRegex("Authorization: AWS4-HMAC-SHA256 Credential=" + user.access_key_id +
                           "/[0-9]{8}/eu-central-1/sts/aws4_request, SignedHeaders=[a-z0-9;-]*host[a-z0-9;-]*"
                           "x-amz-date[a-z0-9;-]*, Signature=[0-9a-f]{64}"));
  EXPECT_THAT(authorizations[0], ::testing::Not(HasSubstr(user.secret_access_key)));
}

TEST_F(OnPremSigV4, SessionCredentialsSendAndSignTheSecurityToken) {
  const AwsResult<aws::AssumedRole> role =
      aws::assume_role(target("us-east-1"), AssumeRoleRequest{kRoleArn, "token-check", 900}, user_keys());
  ASSERT_TRUE(role.ok()) << role.failure.code << ": " << role.failure.message;
  const aws::SessionCredentials& c = role.value->credentials;
  aws::SignedPost identity;
  identity.service = "sts";
  identity.headers = {"Content-Type: application/x-www-form-urlencoded"};
  identity.body = "Action=GetCallerIdentity&Version=2011-06-15";
  std::string authorization;
  const AwsResult<aws::HttpAnswer> who =
      aws::post_signed(target("us-east-1"), identity, {c.access_key_id, c.secret_access_key, c.session_token},
                       [&](const std::string& line) { authorization = line; });
  ASSERT_TRUE(who.ok()) << who.failure.message;
  EXPECT_EQ(who.value->status, 200) << who.value->body;
  EXPECT_THAT(who.value->body, HasSubstr("<Arn>" + session_arn_for("token-check") + "</Arn>"));
  EXPECT_THAT(authorization, HasSubstr("x-amz-security-token"));
  const AwsResult<aws::HttpAnswer> wrong =
      aws::post_signed(target("us-east-1"), identity, {c.access_key_id, c.secret_access_key, c.session_token + "x"});
  ASSERT_TRUE(wrong.ok());
  EXPECT_EQ(wrong.value->status, 403);
  EXPECT_THAT(wrong.value->body, HasSubstr("InvalidClientTokenId"));
}

TEST_F(OnPremSigV4, MotoRejectsAWrongSecretAnUnknownKeyAndAnUntrustedRole) {
  const AssumeRoleRequest request{kRoleArn, "host", 900};
  AwsResult<aws::AssumedRole> role =
      aws::assume_role(target("us-east-1"), request, {user.access_key_id, user.secret_access_key + "x", ""});
  EXPECT_EQ(role.failure.code, "SignatureDoesNotMatch");
  EXPECT_EQ(role.failure.http_status, 403);
  role = aws::assume_role(target("us-east-1"), request, {"AKIAAAAAAAAAAAAAAAAA", user.secret_access_key, ""});
  EXPECT_EQ(role.failure.code, "InvalidClientTokenId");
  role = aws::assume_role(target("us-east-1"), AssumeRoleRequest{"arn:aws:iam::123456789012:role/Other", "host", 900},
                          user_keys());
  EXPECT_EQ(role.failure.code, "AccessDenied");
  EXPECT_THAT(role.failure.message, HasSubstr(kUserArn));
}

TEST_F(OnPremSigV4, CodeDeployCallsUseTheJsonProtocolAndTheCodeDeployScope) {
  std::string authorization;
  const AwsResult<aws::OnPremInstanceInfo> info = aws::get_on_premises_instance(
      target("us-east-1"), user_keys(), "not-there", [&](const std::string& line) { authorization = line; });
  ASSERT_FALSE(info.ok());
  EXPECT_EQ(info.failure.kind, aws::FailureKind::kService);
  EXPECT_EQ(info.failure.code, "InstanceNotRegisteredException");  // moto understood the JSON request
  EXPECT_THAT(authorization, MatchesRegex(".*Credential=" + user.access_key_id +
                                          "/[0-9]{8}/us-east-1/codedeploy/aws4_request, SignedHeaders=.*"
                                          "x-amz-target.*"));
  // Not allowed by the user's policy: moto's IAM check answers for CodeDeploy too.
  const AwsResult<aws::Done> denied =
      aws::register_on_premises_instance(target("us-east-1"), user_keys(), "host", session_arn_for("host"));
  ASSERT_FALSE(denied.ok());
  EXPECT_THAT(denied.failure.code, ::testing::AnyOf("AccessDenied", "AccessDeniedException"));
}

TEST(OnPremSigV4Network, RefusedConnectionIsANetworkFailure) {
  const RefusingPort port;
  const AwsResult<aws::AssumedRole> role = aws::assume_role({port.url(), "us-east-1", ""},
                                                            AssumeRoleRequest{kRoleArn, "host", 900}, {"AK", "SK", ""});
  ASSERT_FALSE(role.ok());
  EXPECT_EQ(role.failure.kind, aws::FailureKind::kNetwork);
  EXPECT_EQ(role.failure.transport, aws::http::TransportError::kConnect);
}

}  // namespace
}  // namespace cdrun::testing
