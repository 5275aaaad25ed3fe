#include "aws/codedeploy/codedeploy_call.h"

#include "aws/core/sts_assume_role.h"

namespace cdrun::aws {

AwsResult<nlohmann::json> call_codedeploy(const ServiceTarget& target, const SigV4Credentials& credentials,
                                          const std::string& operation, const nlohmann::json& input,
                                          const AuthorizationHook& hook) {
  SignedPost post;
  post.service = "codedeploy";
  post.headers = {"Content-Type: application/x-amz-json-1.1", "X-Amz-Target: CodeDeploy_20141006." + operation};
  post.body = input.dump();
  AwsResult<HttpAnswer> answer = post_signed(target, post, credentials, hook);
  if (!answer.ok()) return AwsResult<nlohmann::json>::fail(answer.failure);
  if (answer.value->status != 200)
    return AwsResult<nlohmann::json>::fail(parse_json_error(answer.value->status, answer.value->body));
  const std::string& body = answer.value->body;
  nlohmann::json output = body.empty() ? nlohmann::json::object() : nlohmann::json::parse(body, nullptr, false);
  if (output.is_discarded() || !output.is_object()) {
    AwsFailure failure;
    failure.kind = FailureKind::kResponse;
    failure.http_status = 200;
    failure.message = "the answer to " + operation + " is not a JSON object";
    return AwsResult<nlohmann::json>::fail(failure);
  }
  return AwsResult<nlohmann::json>::success(std::move(output));
}

std::string json_string(const nlohmann::json& object, const char* name) {
  auto it = object.find(name);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

AwsFailure parse_json_error(long status, const std::string& body) {
  if (!body.empty() && body.front() == '<') return parse_xml_error(status, body);
  const nlohmann::json error = nlohmann::json::parse(body, nullptr, false);
  AwsFailure failure;
  failure.http_status = status;
  std::string type = error.is_object() ? json_string(error, "__type") : "";
  if (type.empty()) {
    failure.kind = FailureKind::kResponse;
    failure.message = body.empty() ? "an empty body" : "no error type in the answer";
    return failure;
  }
  failure.kind = FailureKind::kService;
  failure.code = type.substr(type.rfind('#') == std::string::npos ? 0 : type.rfind('#') + 1);
  failure.message = json_string(error, "message");
  if (failure.message.empty()) failure.message = json_string(error, "Message");
  return failure;
}

}  // namespace cdrun::aws
