#include "aws/core/sts_assume_role.h"

#include "aws/core/utc_time.h"
#include "aws/core/xml_text.h"

namespace cdrun::aws {
namespace {

AwsFailure unexpected(long status, const std::string& what) {
  AwsFailure failure;
  failure.kind = FailureKind::kResponse;
  failure.http_status = status;
  failure.message = what;
  return failure;
}

}  // namespace

std::string assume_role_form(const AssumeRoleRequest& request) {
  return "Action=AssumeRole&Version=2011-06-15&RoleArn=" + percent_encode(request.role_arn) +
         "&RoleSessionName=" + percent_encode(request.session_name) +
         "&DurationSeconds=" + std::to_string(request.duration_seconds);
}

AwsFailure parse_xml_error(long status, const std::string& body) {
  const std::optional<std::string> code = xml_element_text(body, "Code");
  if (!code || code->empty())
    return unexpected(status, body.empty() ? "an empty body" : "no <Code> in the error document");
  AwsFailure failure;
  failure.kind = FailureKind::kService;
  failure.http_status = status;
  failure.code = *code;
  failure.message = xml_element_text(body, "Message").value_or("");
  failure.request_id = xml_element_text(body, "RequestId").value_or("");
  return failure;
}

AwsResult<AssumedRole> parse_assume_role_answer(long status, const std::string& body) {
  if (status != 200) return AwsResult<AssumedRole>::fail(parse_xml_error(status, body));
  const std::optional<std::string> result = xml_element(body, "AssumeRoleResult");
  if (!result) return AwsResult<AssumedRole>::fail(unexpected(status, "no <AssumeRoleResult> in the answer"));
  const std::optional<std::string> credentials = xml_element(*result, "Credentials");
  const std::optional<std::string> user = xml_element(*result, "AssumedRoleUser");
  if (!credentials || !user)
    return AwsResult<AssumedRole>::fail(unexpected(status, "no <Credentials> or <AssumedRoleUser> in the answer"));
  AssumedRole role;
  SessionCredentials& c = role.credentials;
  c.access_key_id = xml_element_text(*credentials, "AccessKeyId").value_or("");
  c.secret_access_key = xml_element_text(*credentials, "SecretAccessKey").value_or("");
  c.session_token = xml_element_text(*credentials, "SessionToken").value_or("");
  c.expiration = xml_element_text(*credentials, "Expiration").value_or("");
  role.arn = xml_element_text(*user, "Arn").value_or("");
  role.role_id = xml_element_text(*user, "AssumedRoleId").value_or("");
  if (c.access_key_id.empty() || c.secret_access_key.empty() || c.session_token.empty() || role.arn.empty())
    return AwsResult<AssumedRole>::fail(unexpected(status, "the answer lacks a key, secret, session token or role ARN"));
  const std::optional<std::time_t> expiration = parse_utc_timestamp(c.expiration);
  if (!expiration)
    return AwsResult<AssumedRole>::fail(unexpected(status, "the expiration \"" + c.expiration + "\" is not a timestamp"));
  c.expiration_time = *expiration;
  return AwsResult<AssumedRole>::success(std::move(role));
}

AwsResult<AssumedRole> assume_role(const ServiceTarget& target, const AssumeRoleRequest& request,
                                   const SigV4Credentials& base, const AuthorizationHook& hook) {
  SignedPost post;
  post.service = "sts";
  post.headers = {"Content-Type: application/x-www-form-urlencoded; charset=utf-8"};
  post.body = assume_role_form(request);
  AwsResult<HttpAnswer> answer = post_signed(target, post, base, hook);
  if (!answer.ok()) return AwsResult<AssumedRole>::fail(answer.failure);
  return parse_assume_role_answer(answer.value->status, answer.value->body);
}

}  // namespace cdrun::aws
