// Machinery shared by the ECS and Lambda AppSpec checks (not part of the public API).
// One Checker collects the findings of one run under the platform's code range; Fields looks keys
// up case-insensitively the way the service and aws-actions do, reporting spelling problems once.
#pragma once

#include <cstddef>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "appspec/core/diagnostic.h"
#include "appspec/ecs_lambda/ecs_lambda.h"
#include "appspec/yaml/yaml_tree.h"

namespace cdrun::ecs_lambda {

// Rule numbers. A diagnostic's code is "CD4" + nn for ECS and "CD5" + nn for Lambda, so a rule both
// platforms share keeps the same last two digits in either range. docs/diagnostics-ecs-lambda.md
// lists them; never renumber.
enum Rule : int {
  // Shared (00-39).
  kRootNotMapping = 0,
  kVersionMissing = 1,
  kVersionInvalid = 2,
  kKeyCase = 3,
  kUnknownKey = 4,
  kDuplicateKey = 5,
  kResourcesMissing = 6,
  kResourcesNotList = 7,
  kResourceCount = 8,
  kResourceShape = 9,
  kResourceBodyNotMapping = 10,
  kTypeMissing = 11,
  kTypeWrong = 12,
  kPropertiesMissing = 13,
  kWrongNodeKind = 14,
  kHooksNotList = 15,
  kHookItemShape = 16,
  kHookReserved = 17,
  kHookUnknown = 18,
  kHookOtherPlatform = 19,
  kHookDuplicate = 20,
  kHookFunctionMissing = 21,
  kHookFunctionPrefix = 22,
  kHookFunctionMalformed = 23,
  kAliasUnresolved = 24,
  kHooksEmpty = 25,
  kScalarNotString = 26,
  kTooManyFindings = 27,
  kPlaceholder = 28,
  // ECS only (40-).
  kTaskDefinitionMissing = 40,
  kTaskDefinitionShape = 41,
  kTaskDefinitionPlaceholder = 42,
  kLoadBalancerInfoMissing = 43,
  kLoadBalancerInfoList = 44,
  kContainerNameMissing = 45,
  kContainerPortMissing = 46,
  kQuotedNumber = 47,
  kContainerPortNotNumber = 48,
  kContainerPortRange = 49,
  kAwsvpcPartial = 50,
  kAssignPublicIpValue = 51,
  kAwsvpcList = 52,
  kAwsvpcIdShape = 53,
  kAwsvpcMissing = 54,
  kCapacityProviderMissing = 55,
  kCapacityNumber = 56,
  kCapacityBaseTwice = 57,
  kCapacityNoWeight = 58,
  kTestTrafficHookNote = 59,
  // Lambda only (40-).
  kNameMissing = 40,
  kAliasMissing = 41,
  kCurrentVersionMissing = 42,
  kTargetVersionMissing = 43,
  kVersionNotPositiveInteger = 44,
  kVersionLatest = 45,
  kVersionsEqual = 46,
};

class Checker {
 public:
  Checker(Platform platform, std::string file, const yaml::Node& root);

  void report(Severity severity, int rule, Position position, std::string message, std::string hint);
  // Follows an alias to its anchored node, reporting kAliasUnresolved (and returning the alias)
  // when no anchor precedes it; other nodes come back unchanged.
  const yaml::Node& resolve(const yaml::Node& node);
  Platform platform() const { return platform_; }
  Diagnostics take();  // the findings, plus a note when some were dropped

 private:
  void index_anchors(const yaml::Node& node, int depth);

  Platform platform_;
  std::string file_;
  Diagnostics diagnostics_;
  std::size_t dropped_ = 0;
  std::map<std::string, std::vector<const yaml::Node*>> anchors_;  // definitions in document order
  std::deque<yaml::Node> alias_copies_;  // aliased scalars, positioned at their alias (stable addresses)
};

// A key and its value inside a mapping; both null when the key is absent.
struct Entry {
  const yaml::Node* key = nullptr;
  const yaml::Node* value = nullptr;

  bool exists() const { return key != nullptr; }
  bool has_value() const;  // present and not YAML null
  // Where to point at the value: the key itself when the value is null (an empty value has no text).
  Position where() const;
};

struct KeySpec {
  std::string canonical;              // as the AWS examples write it
  bool lowercase_documented = false;  // an AWS page also spells the key in lowercase
};

class Fields {
 public:
  // Indexes `mapping` (already resolved) by `specs`, warning about keys in a non-documented case,
  // unknown keys and repeated keys. `where` names the mapping in messages ("Properties").
  Fields(Checker& checker, const yaml::Node& mapping, std::vector<KeySpec> specs, const std::string& where);
  Entry get(std::string_view canonical) const;

 private:
  void add_pair(Checker& checker, const yaml::Node& key, const yaml::Node& value, const std::string& where);
  void merge(Checker& checker, const yaml::Node& source, int depth);

  std::vector<KeySpec> specs_;
  std::vector<Entry> entries_;  // parallel to specs_
  std::vector<bool> written_;   // the entry's key is in the mapping itself, not merged in
};

// Scalars, resolved the way a YAML 1.1 loader (the service's and Psych's) types plain text.
enum class ScalarKind { null, boolean, integer, floating, string };
ScalarKind scalar_kind(const yaml::Node& node);
bool is_null(const yaml::Node& node);
bool is_plain_number(const yaml::Node& node);
// The value of a YAML 1.1 integer scalar (decimal, 0x, 0b, leading-zero octal, underscores),
// saturated at the long long range; nullopt for anything else.
std::optional<long long> integer_value(const yaml::Node& node);
// A quoted scalar whose text is a decimal integer ("4000").
bool is_quoted_integer(const yaml::Node& node);
bool equals_ignoring_case(std::string_view a, std::string_view b);
// The node as a message shows it: `1.0`, `"1.0"`, `a mapping`; one line, at most ~60 characters.
std::string describe(const yaml::Node& node);
// Text for a message: shortened and made one line (shown_text), also in single quotes (quoted_text).
std::string shown_text(const std::string& text);
std::string quoted_text(const std::string& text);

// A value that is wholly a template placeholder, as written: <NAME>, {{ name }} (quoted, or plain,
// which YAML reads as a nested flow mapping) or ${NAME}; nullopt for anything else.
std::optional<std::string> placeholder_text(const yaml::Node& value);
// When `value` (already resolved) is a placeholder, reports a note under `rule` saying who fills it in
// and returns true: the caller then skips its checks of the value, which only the filled-in file has.
bool note_placeholder(Checker& checker, const yaml::Node& value, const std::string& name, int rule = kPlaceholder);

// Type expectations for a present value: each returns the (alias-resolved) value, or nothing after
// reporting kWrongNodeKind or noting a placeholder. expect_string also warns (kScalarNotString)
// about plain text that YAML types as a number or boolean, but still returns the text.
const yaml::Node* expect_mapping(Checker& checker, const Entry& entry, const std::string& name);
const yaml::Node* expect_sequence(Checker& checker, const Entry& entry, const std::string& name);
std::optional<std::string> expect_string(Checker& checker, const yaml::Node& value, const std::string& name);

// What differs between the two platforms for the shared document rules.
struct Family {
  Platform platform;
  const char* resource_type;  // "AWS::ECS::Service"
  const char* label;          // "ECS"
  bool lowercase_keys_documented;
};
const Family& ecs_family();
const Family& lambda_family();

struct DocumentParts {
  const yaml::Node* properties = nullptr;  // the first resource's Properties mapping, resolved
  Entry hooks;
};
// version, Resources, the resource's Type and Properties; unknown keys at those levels.
DocumentParts check_document(Checker& checker, const yaml::Node& root, const Family& family);

struct HookCatalog {
  std::vector<std::string> allowed;
  std::vector<std::string> reserved;
  // Events of other compute platforms, and which platforms they belong to.
  std::vector<std::pair<std::string, std::string>> foreign;
};
struct HookUse {
  std::string event;  // canonical spelling
  const yaml::Node* key = nullptr;
};
// `others` followed by the events only EC2/on-premises deployments run, for HookCatalog::foreign.
std::vector<std::pair<std::string, std::string>> with_ec2_only_events(std::vector<std::pair<std::string, std::string>> others);
std::vector<HookUse> check_hooks(Checker& checker, const Entry& hooks, const Family& family,
                                 const HookCatalog& catalog);

// What one platform adds to the shared document and hook rules.
struct PlatformRules {
  const Family& family;
  const HookCatalog& hooks;
  std::vector<KeySpec> properties;  // the keys Properties documents
  // Checks the values in Properties: `fields` indexes `at`, the resolved mapping.
  void (*check_properties)(Checker& checker, const Fields& fields, const yaml::Node& at);
  // Findings about the hook events the appspec uses; null when the platform has none.
  void (*check_hook_uses)(Checker& checker, const std::vector<HookUse>& uses);
};
// A whole ECS or Lambda appspec: the document, its Properties, then its Hooks.
Diagnostics check_platform_appspec(const yaml::Node& root, const std::string& file, const PlatformRules& rules);

// ECS pieces that live in separate files (ecs_rules.cc, ecs_network_rules.cc).
// A whole number written as a YAML integer, or (with a kQuotedNumber warning) as a quoted one;
// anything else is reported under `invalid_rule`, saying the value must be `expected`.
std::optional<long long> ecs_whole_number(Checker& checker, const yaml::Node& value, const std::string& name,
                                          int invalid_rule, const std::string& expected);
void check_network_configuration(Checker& checker, const Entry& network);
void check_capacity_provider_strategy(Checker& checker, const Entry& strategy);

}  // namespace cdrun::ecs_lambda
