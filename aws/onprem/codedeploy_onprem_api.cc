#include "aws/onprem/codedeploy_onprem_api.h"

#include <nlohmann/json.hpp>

#include "aws/core/sts_assume_role.h"

namespace cdrun::aws {
namespace {

AwsResult<nlohmann::json> call(const ServiceTarget& target, const SigV4Credentials& credentials,
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

std::string string_field(const nlohmann::json& object, const char* name) {
  auto it = object.find(name);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

}  // namespace

AwsFailure parse_json_error(long status, const std::string& body) {
  if (!body.empty() && body.front() == '<') return parse_xml_error(status, body);
  const nlohmann::json error = nlohmann::json::parse(body, nullptr, false);
  AwsFailure failure;
  failure.http_status = status;
  std::string type = error.is_object() ? string_field(error, "__type") : "";
  if (type.empty()) {
    failure.kind = FailureKind::kResponse;
    failure.message = body.empty() ? "an empty body" : "no error type in the answer";
    return failure;
  }
  failure.kind = FailureKind::kService;
  failure.code = type.substr(type.rfind('#') == std::string::npos ? 0 : type.rfind('#') + 1);
  failure.message = string_field(error, "message");
  if (failure.message.empty()) failure.message = string_field(error, "Message");
  return failure;
}

AwsResult<Done> register_on_premises_instance(const ServiceTarget& target, const SigV4Credentials& credentials,
                                              const std::string& instance_name, const std::string& session_arn,
                                              const AuthorizationHook& hook) {
  const nlohmann::json input = {{"instanceName", instance_name}, {"iamSessionArn", session_arn}};
  AwsResult<nlohmann::json> output = call(target, credentials, "RegisterOnPremisesInstance", input, hook);
  if (!output.ok()) return AwsResult<Done>::fail(output.failure);
  return AwsResult<Done>::success({});
}

AwsResult<Done> add_tags_to_on_premises_instance(const ServiceTarget& target, const SigV4Credentials& credentials,
                                                 const std::string& instance_name, const std::vector<InstanceTag>& tags,
                                                 const AuthorizationHook& hook) {
  nlohmann::json tag_list = nlohmann::json::array();
  for (const InstanceTag& tag : tags) tag_list.push_back({{"Key", tag.key}, {"Value", tag.value}});
  const nlohmann::json input = {{"tags", tag_list}, {"instanceNames", {instance_name}}};
  AwsResult<nlohmann::json> output = call(target, credentials, "AddTagsToOnPremisesInstances", input, hook);
  if (!output.ok()) return AwsResult<Done>::fail(output.failure);
  return AwsResult<Done>::success({});
}

AwsResult<OnPremInstanceInfo> get_on_premises_instance(const ServiceTarget& target, const SigV4Credentials& credentials,
                                                       const std::string& instance_name,
                                                       const AuthorizationHook& hook) {
  AwsResult<nlohmann::json> output =
      call(target, credentials, "GetOnPremisesInstance", {{"instanceName", instance_name}}, hook);
  if (!output.ok()) return AwsResult<OnPremInstanceInfo>::fail(output.failure);
  const nlohmann::json info = output.value->value("instanceInfo", nlohmann::json::object());
  OnPremInstanceInfo instance;
  instance.instance_name = string_field(info, "instanceName");
  instance.iam_session_arn = string_field(info, "iamSessionArn");
  instance.iam_user_arn = string_field(info, "iamUserArn");
  instance.deregistered = info.contains("deregisterTime") && !info["deregisterTime"].is_null();
  if (auto tags = info.find("tags"); tags != info.end() && tags->is_array())
    for (const nlohmann::json& tag : *tags)
      if (tag.is_object()) instance.tags.push_back({string_field(tag, "Key"), string_field(tag, "Value")});
  return AwsResult<OnPremInstanceInfo>::success(std::move(instance));
}

}  // namespace cdrun::aws
