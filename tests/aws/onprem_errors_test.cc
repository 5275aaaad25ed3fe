// Unit tests of the messages for AWS failures, secret hygiene and the checks of user input.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "aws/core/aws_errors.h"
#include "aws/onprem/onprem_inputs.h"
#include "aws/core/service_endpoint.h"

namespace cdrun::aws {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

const FailureContext kContext{"sts:AssumeRole on arn:aws:iam::1:role/R", "https://sts.us-east-1.amazonaws.com",
                              "access key AKIA****WXYZ (env)"};

AwsFailure service(const std::string& code, const std::string& message = "m", long status = 403) {
  AwsFailure f;
  f.kind = FailureKind::kService;
  f.code = code;
  f.message = message;
  f.http_status = status;
  return f;
}

AwsFailure network(http::TransportError error) {
  AwsFailure f;
  f.transport = error;
  f.message = "the transport said so";
  return f;
}

TEST(OnPremErrors, NamesTheCauseOfEachAuthenticationFailure) {
  EXPECT_THAT(explain_failure(service("SignatureDoesNotMatch"), kContext),
              AllOf(HasSubstr("secret access key does not belong to access key AKIA****WXYZ"), HasSubstr("clock"),
                    HasSubstr("AWS said: SignatureDoesNotMatch: m")));
  EXPECT_THAT(explain_failure(service("InvalidClientTokenId"), kContext),
              HasSubstr("AWS does not know access key AKIA****WXYZ"));
  EXPECT_THAT(explain_failure(service("ExpiredToken"), kContext), HasSubstr("session token"));
  EXPECT_THAT(explain_failure(service("AccessDenied"), kContext),
              AllOf(HasSubstr("is not allowed sts:AssumeRole"), HasSubstr("trust policy must name this identity")));
  EXPECT_THAT(explain_failure(service("RequestExpired"), kContext), HasSubstr("clock"));
  EXPECT_THAT(explain_failure(service("ValidationError", "The requested DurationSeconds exceeds the MaxSessionDuration",
                                      400),
                              kContext),
              HasSubstr("lower --duration"));
  // The JSON-protocol names CodeDeploy uses for the same failures.
  EXPECT_THAT(explain_failure(service("InvalidSignatureException"), kContext), HasSubstr("secret access key"));
  EXPECT_THAT(explain_failure(service("UnrecognizedClientException"), kContext), HasSubstr("does not know"));
  FailureContext register_context = kContext;
  register_context.operation = "codedeploy:RegisterOnPremisesInstance";
  EXPECT_THAT(explain_failure(service("AccessDeniedException"), register_context),
              AllOf(HasSubstr("not allowed codedeploy:RegisterOnPremisesInstance"), Not(HasSubstr("trust policy"))));
}

TEST(OnPremErrors, NamesNetworkCauses) {
  EXPECT_THAT(explain_failure(network(http::TransportError::kConnect), kContext),
              AllOf(HasSubstr("no connection to https://sts.us-east-1.amazonaws.com"), HasSubstr("the transport said so")));
  EXPECT_THAT(explain_failure(network(http::TransportError::kResolve), kContext), HasSubstr("does not resolve"));
  EXPECT_THAT(explain_failure(network(http::TransportError::kTimeout), kContext), HasSubstr("in time"));
  EXPECT_THAT(explain_failure(network(http::TransportError::kTlsVerify), kContext), HasSubstr("AWS_CA_BUNDLE"));
  EXPECT_THAT(explain_failure(network(http::TransportError::kCaUnreadable), kContext), HasSubstr("could not be read"));
  AwsFailure odd;
  odd.kind = FailureKind::kResponse;
  odd.http_status = 200;
  odd.message = "no <AssumeRoleResult>";
  EXPECT_THAT(explain_failure(odd, kContext), AllOf(HasSubstr("HTTP 200"), HasSubstr("really AWS")));
}

TEST(OnPremErrors, TransientFailuresAreNetworkThrottlingAndServerErrors) {
  EXPECT_TRUE(is_transient(network(http::TransportError::kConnect)));
  EXPECT_TRUE(is_transient(service("Throttling", "", 400)));
  EXPECT_TRUE(is_transient(service("InternalFailure", "", 500)));
  EXPECT_FALSE(is_transient(service("AccessDenied")));
}

TEST(OnPremErrors, MasksKeysAndRedactsSecrets) {
  EXPECT_EQ(mask_access_key("AKIAIOSFODNN7EXAMPLE"), "AKIA****MPLE");
  EXPECT_EQ(mask_access_key("short"), "****");
  EXPECT_EQ(redact("secret=abc123 and abc123 again; token tok", {"abc123", "", "tok"}),
            "secret=**** and **** again; ****en ****");
}

TEST(OnPremInputs, RoleArnMustBeARole) {
  EXPECT_THAT(check_role_arn("arn:aws:iam::123456789012:role/CodeDeployOnPremRole"), IsEmpty());
  EXPECT_THAT(check_role_arn("arn:aws:iam::123456789012:role/path/to/R"), IsEmpty());
  EXPECT_THAT(check_role_arn("arn:aws-cn:iam::123456789012:role/R"), IsEmpty());
  EXPECT_THAT(check_role_arn("arn:arn:aws:iam::123456789012:role/R"), HasSubstr("twice"));  // the Bash helper's bug
  EXPECT_THAT(check_role_arn("arn:aws:sts::123456789012:assumed-role/R/s"), HasSubstr("assumed-role session"));
  EXPECT_THAT(check_role_arn("arn:aws:iam::123456789012:user/u"), HasSubstr("IAM user"));
  EXPECT_THAT(check_role_arn("arn:aws:iam::1234:role/R"), HasSubstr("12 digits"));
  EXPECT_THAT(check_role_arn("CodeDeployOnPremRole"), HasSubstr("not an IAM role ARN"));
}

TEST(OnPremInputs, SessionRegionDurationAndInstanceNames) {
  EXPECT_THAT(check_session_name("web-01.example.com"), IsEmpty());
  EXPECT_THAT(check_session_name("x"), Not(IsEmpty()));
  EXPECT_THAT(check_session_name(std::string(65, 'a')), Not(IsEmpty()));
  EXPECT_THAT(check_session_name("has space"), Not(IsEmpty()));
  EXPECT_THAT(check_region("us-east-1"), IsEmpty());
  EXPECT_THAT(check_region("us-gov-west-1"), IsEmpty());
  EXPECT_THAT(check_region("US-EAST-1"), Not(IsEmpty()));
  EXPECT_THAT(check_region("useast1"), Not(IsEmpty()));
  EXPECT_THAT(check_duration(900), IsEmpty());
  EXPECT_THAT(check_duration(43200), IsEmpty());
  EXPECT_THAT(check_duration(899), HasSubstr("900-43200"));
  EXPECT_THAT(check_duration(43201), Not(IsEmpty()));
  EXPECT_THAT(check_instance_name("web-01_a+b=c,d.e@f"), IsEmpty());
  EXPECT_THAT(check_instance_name("00:1a:2b:3c:4d:5e"), HasSubstr("MAC"));
  EXPECT_THAT(check_instance_name("i-0123456789"), HasSubstr("i-"));
  EXPECT_THAT(check_instance_name(std::string(101, 'a')), HasSubstr("100"));
  EXPECT_THAT(check_instance_name(std::string(100, 'a')), IsEmpty());
  EXPECT_THAT(check_instance_name("web 01"), Not(IsEmpty()));
  EXPECT_THAT(check_instance_name(""), Not(IsEmpty()));
}

TEST(OnPremInputs, TagsNeedKeyAndValueAtMostTen) {
  TagParse parse = parse_instance_tags({"Name=web-1,Env=prod", "Expr=a=b"});
  ASSERT_THAT(parse.error, IsEmpty());
  ASSERT_EQ(parse.tags.size(), 3u);
  EXPECT_EQ(parse.tags[0].key, "Name");
  EXPECT_EQ(parse.tags[0].value, "web-1");
  EXPECT_EQ(parse.tags[2].key, "Expr");
  EXPECT_EQ(parse.tags[2].value, "a=b");
  EXPECT_THAT(parse_instance_tags({"Name"}).error, HasSubstr("both a key and a value"));
  EXPECT_THAT(parse_instance_tags({"Name="}).error, HasSubstr("both a key and a value"));
  EXPECT_THAT(parse_instance_tags({"=web"}).error, HasSubstr("both a key and a value"));
  EXPECT_THAT(parse_instance_tags({"A=1,"}).error, HasSubstr("both a key and a value"));
  EXPECT_THAT(parse_instance_tags({"A=1", "A=2"}).error, HasSubstr("twice"));
  EXPECT_THAT(parse_instance_tags({std::string(129, 'k') + "=v"}).error, HasSubstr("128"));
  EXPECT_THAT(parse_instance_tags({"k=" + std::string(257, 'v')}).error, HasSubstr("256"));
  std::vector<std::string> ten, eleven;
  for (int i = 0; i < 11; ++i) (i < 10 ? ten : eleven).push_back("K" + std::to_string(i) + "=v");
  EXPECT_THAT(parse_instance_tags(ten).error, IsEmpty());
  ten.insert(ten.end(), eleven.begin(), eleven.end());
  EXPECT_THAT(parse_instance_tags(ten).error, HasSubstr("at most 10"));
}

TEST(OnPremEndpoint, ExplicitThenServiceVariableThenGenericThenStoredThenRegional) {
  std::map<std::string, std::string> vars;
  const EnvLookup env = [&vars](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    return it == vars.end() ? std::nullopt : std::optional<std::string>(it->second);
  };
  EXPECT_EQ(resolve_endpoint("", "STS", "sts", "eu-west-1", env).url, "https://sts.eu-west-1.amazonaws.com");
  EXPECT_EQ(resolve_endpoint("", "STS", "sts", "cn-north-1", env).url, "https://sts.cn-north-1.amazonaws.com.cn");
  EXPECT_EQ(resolve_endpoint("", "STS", "sts", "eu-west-1", env, "http://stored").url, "http://stored");
  vars["AWS_ENDPOINT_URL"] = "http://generic";
  EXPECT_EQ(resolve_endpoint("", "STS", "sts", "eu-west-1", env, "http://stored").url, "http://generic");
  vars["AWS_ENDPOINT_URL_CODEDEPLOY"] = "http://codedeploy-only";
  EXPECT_EQ(resolve_endpoint("", "STS", "sts", "eu-west-1", env).url, "http://generic");
  EXPECT_EQ(resolve_endpoint("", "CODEDEPLOY", "codedeploy", "eu-west-1", env).url, "http://codedeploy-only");
  vars["AWS_ENDPOINT_URL_STS"] = "http://sts-only";
  const ResolvedEndpoint sts = resolve_endpoint("", "STS", "sts", "eu-west-1", env);
  EXPECT_EQ(sts.url, "http://sts-only");
  EXPECT_EQ(sts.source, "AWS_ENDPOINT_URL_STS");
  EXPECT_EQ(resolve_endpoint("http://explicit", "STS", "sts", "eu-west-1", env).url, "http://explicit");
  EXPECT_THAT(check_endpoint_url("https://sts.amazonaws.com"), IsEmpty());
  EXPECT_THAT(check_endpoint_url("sts.amazonaws.com"), HasSubstr("https://"));
  EXPECT_THAT(check_endpoint_url("https:///path"), HasSubstr("no host"));
}

}  // namespace
}  // namespace cdrun::aws
