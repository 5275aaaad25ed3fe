// ECS Properties for Fargate and capacity providers: NetworkConfiguration.AwsvpcConfiguration and
// CapacityProviderStrategy (appspec-reference.md §1.3).
#include "appspec/ecs_lambda/ecs_lambda_internal.h"

namespace cdrun::ecs_lambda {

namespace {

std::string at_line(Position position) {
  return "line " + std::to_string(position.line) + ", column " + std::to_string(position.column);
}

// Subnets and SecurityGroups: a non-empty list of ids such as subnet-0abc / sg-0abc.
void check_id_list(Checker& checker, const Entry& entry, const std::string& name, const std::string& prefix) {
  if (!entry.exists()) return;
  const std::string hint = "list the " + name + " ids, one '- " + prefix + "...' per line";
  if (!entry.has_value()) {
    checker.report(Severity::error, kAwsvpcList, entry.where(), name + " has no value", hint);
    return;
  }
  const yaml::Node* list = expect_sequence(checker, entry, name);
  if (list == nullptr) return;
  if (list->items.empty()) {
    checker.report(Severity::error, kAwsvpcList, list->position, name + " is an empty list", hint);
    return;
  }
  for (const auto& raw : list->items) {
    const yaml::Node& item = checker.resolve(raw);
    if (item.kind == yaml::NodeKind::alias || note_placeholder(checker, item, "an item of " + name)) continue;
    if (!item.is_scalar() || is_null(item)) {
      checker.report(Severity::error, kAwsvpcList, item.position,
                     "an item of " + name + " is " + describe(item) + ", not an id", hint);
      continue;
    }
    const auto text = expect_string(checker, item, "an item of " + name);
    if (text && text->rfind(prefix, 0) != 0) {
      checker.report(Severity::warning, kAwsvpcIdShape, item.position,
                     quoted_text(*text) + " in " + name + " does not look like an id (" + prefix + "...)",
                     "ECS takes ids here, not names or ARNs");
    }
  }
}

void check_assign_public_ip(Checker& checker, const Entry& entry) {
  if (!entry.exists()) return;
  const yaml::Node& value = checker.resolve(*entry.value);
  if (value.kind == yaml::NodeKind::alias || note_placeholder(checker, value, "AssignPublicIp")) return;
  const bool valid = value.is_scalar() && scalar_kind(value) == ScalarKind::string &&
                     (value.value == "ENABLED" || value.value == "DISABLED");
  if (valid) return;
  checker.report(Severity::error, kAssignPublicIpValue, entry.where(),
                 "AssignPublicIp is " + describe(value) + "; it must be ENABLED or DISABLED",
                 "write 'AssignPublicIp: ENABLED' or 'AssignPublicIp: DISABLED' (upper case)");
}

}  // namespace

void check_network_configuration(Checker& checker, const Entry& network) {
  if (!network.has_value()) return;
  const yaml::Node* mapping = expect_mapping(checker, network, "NetworkConfiguration");
  if (mapping == nullptr) return;
  const Fields fields(checker, *mapping, {{"AwsvpcConfiguration"}}, "NetworkConfiguration");
  const Entry awsvpc = fields.get("AwsvpcConfiguration");
  if (!awsvpc.has_value()) {
    checker.report(
        Severity::error, kAwsvpcMissing, awsvpc.exists() ? awsvpc.where() : mapping->position,
        awsvpc.exists() ? "AwsvpcConfiguration has no value" : "NetworkConfiguration has no AwsvpcConfiguration",
        "put Subnets, SecurityGroups and AssignPublicIp under AwsvpcConfiguration, or remove "
        "NetworkConfiguration to keep the service's current network settings");
    return;
  }
  const yaml::Node* config = expect_mapping(checker, awsvpc, "AwsvpcConfiguration");
  if (config == nullptr) return;
  const Fields settings(checker, *config, {{"Subnets"}, {"SecurityGroups"}, {"AssignPublicIp"}}, "AwsvpcConfiguration");

  std::string given;
  std::string missing;
  for (const char* name : {"Subnets", "SecurityGroups", "AssignPublicIp"}) {
    std::string& list = settings.get(name).exists() ? given : missing;
    list += (list.empty() ? "" : ", ") + std::string(name);
  }
  if (!given.empty() && !missing.empty()) {
    checker.report(Severity::error, kAwsvpcPartial, awsvpc.key->position,
                   "AwsvpcConfiguration gives " + given + " but not " + missing + "; it takes all three or none",
                   "add " + missing + ", or remove AwsvpcConfiguration to keep the service's current network settings");
  }
  check_id_list(checker, settings.get("Subnets"), "Subnets", "subnet-");
  check_id_list(checker, settings.get("SecurityGroups"), "SecurityGroups", "sg-");
  check_assign_public_ip(checker, settings.get("AssignPublicIp"));
}

void check_capacity_provider_strategy(Checker& checker, const Entry& strategy) {
  if (!strategy.has_value()) return;
  const yaml::Node* list = expect_sequence(checker, strategy, "CapacityProviderStrategy");
  if (list == nullptr) return;
  std::size_t providers = 0;
  bool some_weight = false;
  bool weight_unreadable = false;
  Position first_base;
  for (const auto& raw : list->items) {
    const yaml::Node& item = checker.resolve(raw);
    if (item.kind == yaml::NodeKind::alias) continue;
    if (!item.is_mapping()) {
      checker.report(Severity::error, kWrongNodeKind, item.position,
                     "a CapacityProviderStrategy item must be a mapping, found " + describe(item),
                     "write '- CapacityProvider: FARGATE' with Base and Weight under it");
      continue;
    }
    ++providers;
    const Fields fields(checker, item, {{"Base"}, {"CapacityProvider"}, {"Weight"}}, "CapacityProviderStrategy item");
    const Entry provider = fields.get("CapacityProvider");
    const std::string provider_hint = "name the capacity provider, e.g. 'CapacityProvider: FARGATE_SPOT'";
    if (!provider.has_value()) {
      checker.report(Severity::error, kCapacityProviderMissing, provider.exists() ? provider.where() : item.position,
                     provider.exists() ? "CapacityProvider has no value"
                                       : "a CapacityProviderStrategy item has no "
                                         "CapacityProvider",
                     provider_hint);
    } else if (auto text = expect_string(checker, *provider.value, "CapacityProvider"); text && text->empty()) {
      checker.report(Severity::error, kCapacityProviderMissing, provider.where(), "CapacityProvider is empty",
                     provider_hint);
    }
    for (const char* name : {"Base", "Weight"}) {
      const Entry entry = fields.get(name);
      if (!entry.exists()) continue;  // both default to 0
      std::optional<long long> number;
      if (!entry.has_value()) {
        checker.report(Severity::error, kCapacityNumber, entry.where(), std::string(name) + " has no value",
                       "write a whole number of 0 or more, or leave the key out (it defaults to 0)");
      } else {
        number = ecs_whole_number(checker, *entry.value, name, kCapacityNumber, "a whole number of 0 or more");
        if (number && *number < 0) {
          checker.report(Severity::error, kCapacityNumber, entry.where(),
                         std::string(name) + " is " + describe(*entry.value) + "; it must be 0 or more",
                         "write a whole number of 0 or more");
        }
      }
      const bool weight = std::string(name) == "Weight";
      if (weight && !number) weight_unreadable = true;
      if (weight && number && *number > 0) some_weight = true;
      if (!weight && number && *number > 0) {
        if (first_base.line == 0) {
          first_base = entry.where();
        } else {
          checker.report(Severity::error, kCapacityBaseTwice, entry.where(),
                         "a second capacity provider sets Base above 0 (the first at " + at_line(first_base) + ")",
                         "only one provider in the strategy may have a Base; set the others to 0");
        }
      }
    }
  }
  if (providers > 1 && !some_weight && !weight_unreadable) {
    checker.report(Severity::error, kCapacityNoWeight, strategy.key->position,
                   "none of the " + std::to_string(providers) + " capacity providers has a Weight above 0",
                   "give at least one provider 'Weight: 1' or more; providers with weight 0 get no tasks");
  }
}

}  // namespace cdrun::ecs_lambda
