// Amazon ECS appspecs: TaskDefinition, LoadBalancerInfo and the ECS hooks (appspec-reference.md §1.3).
#include <algorithm>
#include <climits>

#include "appspec/ecs_lambda/ecs_lambda_internal.h"

namespace cdrun {

namespace ecs_lambda {

namespace {

const HookCatalog& ecs_hook_catalog() {
  static const HookCatalog catalog{
      {"BeforeInstall", "AfterInstall", "AfterAllowTestTraffic", "BeforeAllowTraffic", "AfterAllowTraffic"},
      {"Start", "Install", "TestTraffic", "AllowTestTraffic", "AllowTraffic", "End"},
      with_ec2_only_events({})};
  return catalog;
}

bool is_digits(const std::string& text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// arn:<partition>:ecs:<region>:<12-digit account>:task-definition/<family>:<revision>
bool is_task_definition_arn(const std::string& text) {
  std::vector<std::string> parts(1);
  for (char c : text) {
    if (c == ':') {
      parts.emplace_back();
    } else {
      parts.back() += c;
    }
  }
  constexpr std::string_view kResource = "task-definition/";
  if (parts.size() != 7 || parts[0] != "arn" || parts[1].rfind("aws", 0) != 0 || parts[2] != "ecs" ||
      parts[3].empty() || parts[4].size() != 12 || !is_digits(parts[4]) || parts[5].rfind(kResource, 0) != 0) {
    return false;
  }
  const std::string family = parts[5].substr(kResource.size());
  const bool family_ok =
      !family.empty() && family.size() <= 255 && std::all_of(family.begin(), family.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
      });
  return family_ok && is_digits(parts[6]) && parts[6][0] != '0';
}

void check_task_definition(Checker& checker, const Fields& properties, const yaml::Node& at) {
  const Entry entry = properties.get("TaskDefinition");
  const std::string hint =
      "give the ARN of a registered revision: "
      "arn:aws:ecs:<region>:<account>:task-definition/<family>:<revision>";
  if (!entry.has_value()) {
    checker.report(Severity::error, kTaskDefinitionMissing, entry.exists() ? entry.where() : at.position,
                   entry.exists() ? "TaskDefinition has no value" : "Properties has no TaskDefinition", hint);
    return;
  }
  const yaml::Node& value = checker.resolve(*entry.value);
  if (value.kind == yaml::NodeKind::alias) return;
  if (note_placeholder(checker, value, "TaskDefinition", kTaskDefinitionPlaceholder)) return;
  const auto text = expect_string(checker, value, "TaskDefinition");
  if (!text) return;
  if (text->empty()) {
    // As empty as no value at all: the service has no task definition to deploy.
    checker.report(Severity::error, kTaskDefinitionMissing, entry.where(), "TaskDefinition is empty", hint);
  } else if (!is_task_definition_arn(*text)) {
    checker.report(Severity::warning, kTaskDefinitionShape, entry.where(),
                   "TaskDefinition " + quoted_text(*text) + " is not a task-definition revision ARN", hint);
  }
}

void check_container_port(Checker& checker, const Fields& info, const yaml::Node& at) {
  const Entry entry = info.get("ContainerPort");
  if (!entry.has_value()) {
    checker.report(Severity::error, kContainerPortMissing, entry.exists() ? entry.where() : at.position,
                   entry.exists() ? "ContainerPort has no value" : "LoadBalancerInfo has no ContainerPort",
                   "give the container port the load balancer routes to, e.g. 'ContainerPort: 80'");
    return;
  }
  const auto port =
      ecs_whole_number(checker, *entry.value, "ContainerPort", kContainerPortNotNumber, "a port number (1-65535)");
  if (port && (*port < 1 || *port > 65535)) {
    checker.report(Severity::error, kContainerPortRange, entry.where(),
                   "ContainerPort is " + describe(*entry.value) + "; a port must be between 1 and 65535",
                   "use the containerPort of the container's port mapping in the task definition");
  }
}

void check_load_balancer_info(Checker& checker, const Fields& properties, const yaml::Node& at) {
  const Entry entry = properties.get("LoadBalancerInfo");
  if (!entry.has_value()) {
    checker.report(
        Severity::error, kLoadBalancerInfoMissing, entry.exists() ? entry.where() : at.position,
        entry.exists() ? "LoadBalancerInfo has no value" : "Properties has no LoadBalancerInfo",
        "add LoadBalancerInfo with ContainerName and ContainerPort of the container behind the load balancer");
    return;
  }
  const yaml::Node& value = checker.resolve(*entry.value);
  const yaml::Node* info = nullptr;
  if (value.is_sequence()) {
    checker.report(Severity::error, kLoadBalancerInfoList, value.position,
                   "LoadBalancerInfo is a list; AWS rejects it with \"The AppSpec file must be valid JSON or YAML"
                   "... not well-formed\"",
                   "remove the dash before ContainerName: LoadBalancerInfo is a mapping holding ContainerName and "
                   "ContainerPort");
    // The usual slip is one dash too many; checking the item still finds the problems inside it.
    if (value.items.size() == 1 && checker.resolve(value.items[0]).is_mapping())
      info = &checker.resolve(value.items[0]);
  } else {
    info = expect_mapping(checker, entry, "LoadBalancerInfo");
  }
  if (info == nullptr) return;

  const Fields fields(checker, *info, {{"ContainerName"}, {"ContainerPort"}}, "LoadBalancerInfo");
  const Entry name = fields.get("ContainerName");
  const std::string name_hint = "give the name of the container (as in the task definition) that receives traffic";
  if (!name.has_value()) {
    checker.report(Severity::error, kContainerNameMissing, name.exists() ? name.where() : info->position,
                   name.exists() ? "ContainerName has no value" : "LoadBalancerInfo has no ContainerName", name_hint);
  } else if (auto text = expect_string(checker, *name.value, "ContainerName"); text && text->empty()) {
    checker.report(Severity::error, kContainerNameMissing, name.where(), "ContainerName is empty", name_hint);
  }
  check_container_port(checker, fields, *info);
}

void check_ecs_properties(Checker& checker, const Fields& fields, const yaml::Node& properties) {
  check_task_definition(checker, fields, properties);
  check_load_balancer_info(checker, fields, properties);
  if (const Entry version = fields.get("PlatformVersion"); version.has_value()) {
    expect_string(checker, *version.value, "PlatformVersion");
  }
  check_network_configuration(checker, fields.get("NetworkConfiguration"));
  check_capacity_provider_strategy(checker, fields.get("CapacityProviderStrategy"));
}

void note_test_traffic_hook(Checker& checker, const std::vector<HookUse>& uses) {
  for (const HookUse& use : uses) {
    if (use.event != "AfterAllowTestTraffic") continue;
    checker.report(
        Severity::note, kTestTrafficHookNote, use.key->position,
        "AfterAllowTestTraffic runs only when the deployment group's load balancer has a test listener",
        "without a test listener CodeDeploy skips this hook; add one to the deployment group if you rely on it");
  }
}

}  // namespace

std::optional<long long> ecs_whole_number(Checker& checker, const yaml::Node& node, const std::string& name,
                                          int invalid_rule, const std::string& expected) {
  const yaml::Node& value = checker.resolve(node);
  if (value.kind == yaml::NodeKind::alias || note_placeholder(checker, value, name)) return std::nullopt;
  if (auto number = integer_value(value)) return number;
  if (is_quoted_integer(value)) {
    checker.report(Severity::warning, kQuotedNumber, value.position,
                   name + " is " + describe(value) + ", a quoted string; AWS documents a number",
                   "write " + name + ": " + value.value + " without quotes");
    long long parsed = 0;
    for (char c : value.value) parsed = parsed > (LLONG_MAX - 9) / 10 ? LLONG_MAX : parsed * 10 + (c - '0');
    return parsed;
  }
  checker.report(Severity::error, invalid_rule, value.position,
                 name + " is " + describe(value) + "; it must be " + expected, "write a whole number without quotes");
  return std::nullopt;
}

}  // namespace ecs_lambda

Diagnostics check_ecs_appspec(const yaml::Node& root, const std::string& file) {
  using namespace ecs_lambda;
  static const PlatformRules rules{ecs_family(),
                                   ecs_hook_catalog(),
                                   {{"TaskDefinition"},
                                    {"LoadBalancerInfo"},
                                    {"PlatformVersion"},
                                    {"NetworkConfiguration"},
                                    {"CapacityProviderStrategy"}},
                                   check_ecs_properties,
                                   note_test_traffic_hook};
  return check_platform_appspec(root, file, rules);
}

}  // namespace cdrun
