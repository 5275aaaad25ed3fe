#include "aws/onprem/codedeploy_onprem_api.h"

#include <nlohmann/json.hpp>

#include "aws/codedeploy/codedeploy_call.h"

namespace cdrun::aws {
AwsResult<Done> register_on_premises_instance(const ServiceTarget& target, const SigV4Credentials& credentials,
                                              const std::string& instance_name, const std::string& session_arn,
                                              const AuthorizationHook& hook) {
  const nlohmann::json input = {{"instanceName", instance_name}, {"iamSessionArn", session_arn}};
  AwsResult<nlohmann::json> output = call_codedeploy(target, credentials, "RegisterOnPremisesInstance", input, hook);
  if (!output.ok()) return AwsResult<Done>::fail(output.failure);
  return AwsResult<Done>::success({});
}

AwsResult<Done> add_tags_to_on_premises_instance(const ServiceTarget& target, const SigV4Credentials& credentials,
                                                 const std::string& instance_name, const std::vector<InstanceTag>& tags,
                                                 const AuthorizationHook& hook) {
  nlohmann::json tag_list = nlohmann::json::array();
  for (const InstanceTag& tag : tags) tag_list.push_back({{"Key", tag.key}, {"Value", tag.value}});
  const nlohmann::json input = {{"tags", tag_list}, {"instanceNames", {instance_name}}};
  AwsResult<nlohmann::json> output = call_codedeploy(target, credentials, "AddTagsToOnPremisesInstances", input, hook);
  if (!output.ok()) return AwsResult<Done>::fail(output.failure);
  return AwsResult<Done>::success({});
}

AwsResult<OnPremInstanceInfo> get_on_premises_instance(const ServiceTarget& target, const SigV4Credentials& credentials,
                                                       const std::string& instance_name,
                                                       const AuthorizationHook& hook) {
  AwsResult<nlohmann::json> output =
      call_codedeploy(target, credentials, "GetOnPremisesInstance", {{"instanceName", instance_name}}, hook);
  if (!output.ok()) return AwsResult<OnPremInstanceInfo>::fail(output.failure);
  const nlohmann::json info = output.value->value("instanceInfo", nlohmann::json::object());
  OnPremInstanceInfo instance;
  instance.instance_name = json_string(info, "instanceName");
  instance.iam_session_arn = json_string(info, "iamSessionArn");
  instance.iam_user_arn = json_string(info, "iamUserArn");
  instance.deregistered = info.contains("deregisterTime") && !info["deregisterTime"].is_null();
  if (auto tags = info.find("tags"); tags != info.end() && tags->is_array())
    for (const nlohmann::json& tag : *tags)
      if (tag.is_object()) instance.tags.push_back({json_string(tag, "Key"), json_string(tag, "Value")});
  return AwsResult<OnPremInstanceInfo>::success(std::move(instance));
}

}  // namespace cdrun::aws
