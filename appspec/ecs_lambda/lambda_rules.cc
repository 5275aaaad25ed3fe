// AWS Lambda appspecs: Name, Alias, CurrentVersion, TargetVersion and the Lambda hooks
// (appspec-reference.md §1.4).
#include <algorithm>

#include "appspec/ecs_lambda/ecs_lambda_internal.h"

namespace cdrun {

namespace ecs_lambda {

namespace {

const HookCatalog& lambda_hook_catalog() {
  static const HookCatalog catalog{{"BeforeAllowTraffic", "AfterAllowTraffic"},
                                   {"Start", "AllowTraffic", "End"},
                                   with_ec2_only_events({{"BeforeInstall", "ECS and EC2/on-premises"},
                                                         {"AfterInstall", "ECS and EC2/on-premises"},
                                                         {"Install", "ECS and EC2/on-premises"},
                                                         {"AfterAllowTestTraffic", "ECS"},
                                                         {"TestTraffic", "ECS"},
                                                         {"AllowTestTraffic", "ECS"}})};
  return catalog;
}

void check_name(Checker& checker, const Fields& properties, const yaml::Node& at, const std::string& key, int rule,
                const std::string& hint) {
  const Entry entry = properties.get(key);
  if (!entry.has_value()) {
    checker.report(Severity::error, rule, entry.exists() ? entry.where() : at.position,
                   entry.exists() ? key + " has no value" : "Properties has no " + key, hint);
  } else if (auto text = expect_string(checker, *entry.value, key); text && text->empty()) {
    checker.report(Severity::error, rule, entry.where(), key + " is empty", hint);
  }
}

// A published version number as written ("1", 1), or nothing after reporting why it is not one.
std::optional<std::string> check_version_number(Checker& checker, const Entry& entry, const std::string& key) {
  const yaml::Node& value = checker.resolve(*entry.value);
  if (value.kind == yaml::NodeKind::alias || note_placeholder(checker, value, key)) return std::nullopt;
  const std::string& text = value.value;
  if (value.is_scalar() && equals_ignoring_case(text, "$LATEST")) {
    checker.report(Severity::error, kVersionLatest, value.position,
                   key + " is " + describe(value) + "; an alias that shifts traffic cannot point at $LATEST",
                   "publish a version (aws lambda publish-version) and use its number");
    return std::nullopt;
  }
  const bool positive = value.is_scalar() && !text.empty() && text[0] != '0' &&
                        std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!positive) {
    checker.report(Severity::error, kVersionNotPositiveInteger, value.position,
                   key + " is " + describe(value) + "; it must be a published version number (1, 2, ...)",
                   "write the version as a positive whole number, e.g. " + key + ": \"3\"");
    return std::nullopt;
  }
  return text;
}

// A version key that is absent or has no value: pointed at its key, or at Properties without one.
void report_missing_version(Checker& checker, const Entry& entry, const yaml::Node& properties, Severity severity,
                            int rule, const std::string& key, const std::string& hint) {
  checker.report(severity, rule, entry.exists() ? entry.where() : properties.position,
                 entry.exists() ? key + " has no value" : "Properties has no " + key, hint);
}

void check_lambda_properties(Checker& checker, const Fields& fields, const yaml::Node& properties) {
  check_name(checker, fields, properties, "Name", kNameMissing, "give the name of the Lambda function to deploy");
  check_name(checker, fields, properties, "Alias", kAliasMissing, "give the alias whose traffic CodeDeploy shifts");

  std::optional<std::string> current;
  const Entry current_entry = fields.get("CurrentVersion");
  if (current_entry.has_value()) {
    current = check_version_number(checker, current_entry, "CurrentVersion");
  } else {
    report_missing_version(checker, current_entry, properties, Severity::warning, kCurrentVersionMissing, "CurrentVersion",
                           "the AppSpec reference requires it (the template calls it optional): give the version the "
                           "alias points to now, e.g. CurrentVersion: \"1\"");
  }

  const Entry target_entry = fields.get("TargetVersion");
  if (!target_entry.has_value()) {
    report_missing_version(checker, target_entry, properties, Severity::error, kTargetVersionMissing, "TargetVersion",
                           "give the published version to shift the alias to, e.g. TargetVersion: \"2\"");
  } else if (auto target = check_version_number(checker, target_entry, "TargetVersion");
             target && current && *target == *current) {
    checker.report(Severity::warning, kVersionsEqual, target_entry.where(),
                   "CurrentVersion and TargetVersion are both " + *target + "; there is no traffic to shift",
                   "set TargetVersion to the version you just published");
  }
}

}  // namespace

}  // namespace ecs_lambda

Diagnostics check_lambda_appspec(const yaml::Node& root, const std::string& file) {
  using namespace ecs_lambda;
  static const PlatformRules rules{lambda_family(),
                                   lambda_hook_catalog(),
                                   {{"Name", true}, {"Alias", true}, {"CurrentVersion", true}, {"TargetVersion", true}},
                                   check_lambda_properties,
                                   nullptr};
  return check_platform_appspec(root, file, rules);
}

}  // namespace cdrun
