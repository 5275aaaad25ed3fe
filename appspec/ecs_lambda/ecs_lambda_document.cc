// The parts of an ECS or Lambda appspec that look alike: version, the single Resources entry, and
// its Type and Properties (appspec-reference.md §1.1, §1.3, §1.4).
#include <algorithm>

#include "appspec/ecs_lambda/ecs_lambda_internal.h"

namespace cdrun::ecs_lambda {

const Family& ecs_family() {
  static const Family family{Platform::ecs, "AWS::ECS::Service", "ECS", false};
  return family;
}

const Family& lambda_family() {
  static const Family family{Platform::lambda, "AWS::Lambda::Function", "Lambda", true};
  return family;
}

namespace {

void check_version(Checker& checker, const Entry& version, const yaml::Node& root) {
  const std::string hint = "write 'version: 0.0'; it is the only value AWS accepts (reserved for future use)";
  if (!version.exists()) {
    checker.report(Severity::error, kVersionMissing, root.position, "version is missing", hint);
    return;
  }
  if (!version.has_value()) {
    checker.report(Severity::error, kVersionInvalid, version.where(), "version has no value", hint);
    return;
  }
  const yaml::Node& value = checker.resolve(*version.value);
  if (value.kind == yaml::NodeKind::alias || note_placeholder(checker, value, "version")) return;
  // Examples write a bare 0.0 (a YAML float), the reference says "a string": both mean the same.
  if (value.is_scalar() && value.value == "0.0") return;
  checker.report(Severity::error, kVersionInvalid, value.position,
                 "version is " + describe(value) + "; the only accepted value is 0.0", hint);
}

bool looks_like_resource_body(const yaml::Node& mapping) {
  return std::any_of(mapping.pairs.begin(), mapping.pairs.end(), [](const auto& pair) {
    return pair.first.is_scalar() &&
           (equals_ignoring_case(pair.first.value, "Type") || equals_ignoring_case(pair.first.value, "Properties"));
  });
}

const yaml::Node* check_resource_body(Checker& checker, const Entry& resource, const Family& family) {
  const std::string name = resource.key->is_scalar() ? shown_text(resource.key->value) : describe(*resource.key);
  if (!resource.has_value()) {
    checker.report(Severity::error, kResourceBodyNotMapping, resource.where(), "resource '" + name + "' is empty",
                   std::string("give it 'Type: ") + family.resource_type + "' and its Properties");
    return nullptr;
  }
  const yaml::Node* body = &checker.resolve(*resource.value);
  if (body->kind == yaml::NodeKind::alias) return nullptr;
  if (!body->is_mapping()) {
    checker.report(Severity::error, kResourceBodyNotMapping, body->position,
                   "resource '" + name + "' must be a mapping of Type and Properties, found " + describe(*body),
                   std::string("indent 'Type: ") + family.resource_type + "' and Properties under '" + name + ":'");
    return nullptr;
  }
  const bool lower = family.lowercase_keys_documented;
  Fields fields(checker, *body, {{"Type", lower}, {"Properties", lower}}, "resource '" + name + "'");

  const Entry type = fields.get("Type");
  const std::string type_hint = std::string("write 'Type: ") + family.resource_type + "'";
  if (!type.has_value()) {
    checker.report(Severity::error, kTypeMissing, type.exists() ? type.where() : body->position,
                   "resource '" + name + "' has no Type", type_hint);
  } else if (auto text = expect_string(checker, *type.value, "Type"); text && *text != family.resource_type) {
    const std::string why = equals_ignoring_case(*text, family.resource_type)
                                ? "; the resource type is case-sensitive"
                                : std::string("; ") + (family.platform == Platform::lambda ? "a" : "an") + " " +
                                      family.label + " appspec needs " + family.resource_type;
    checker.report(Severity::error, kTypeWrong, type.where(), "Type is " + describe(*type.value) + why, type_hint);
  }

  const Entry properties = fields.get("Properties");
  if (!properties.has_value()) {
    checker.report(Severity::error, kPropertiesMissing, properties.exists() ? properties.where() : body->position,
                   "resource '" + name + "' has no Properties", "add a Properties mapping under the resource");
    return nullptr;
  }
  return expect_mapping(checker, properties, "Properties");
}

const yaml::Node* check_resource_item(Checker& checker, const yaml::Node& item, const Family& family) {
  const yaml::Node& entry = checker.resolve(item);
  if (entry.kind == yaml::NodeKind::alias) return nullptr;
  if (!entry.is_mapping()) {
    checker.report(Severity::error, kResourceShape, entry.position,
                   "a Resources entry must map a logical name to the resource, found " + describe(entry),
                   "write '- TargetService:' and indent Type and Properties under it");
    return nullptr;
  }
  if (entry.pairs.size() == 1 && !looks_like_resource_body(entry)) {
    return check_resource_body(checker, Entry{&entry.pairs[0].first, &entry.pairs[0].second}, family);
  }
  if (looks_like_resource_body(entry)) {
    checker.report(Severity::error, kResourceShape, entry.position,
                   "the Resources entry has Type/Properties directly, without a logical name above them",
                   "write '- TargetService:' (any name) and indent Type and Properties under it");
    static const yaml::Node unnamed = [] {
      yaml::Node key;
      key.value = "(unnamed)";
      return key;
    }();
    return check_resource_body(checker, Entry{&unnamed, &entry}, family);
  }
  checker.report(
      Severity::error, kResourceShape, entry.position,
      "a Resources entry must have exactly one key (the logical name), found " + std::to_string(entry.pairs.size()),
      "put each resource in its own '- Name:' item; AWS supports exactly one");
  if (entry.pairs.empty()) return nullptr;
  return check_resource_body(checker, Entry{&entry.pairs[0].first, &entry.pairs[0].second}, family);
}

}  // namespace

DocumentParts check_document(Checker& checker, const yaml::Node& root, const Family& family) {
  DocumentParts parts;
  if (!root.is_mapping()) {
    checker.report(Severity::error, kRootNotMapping, root.position,
                   "the appspec must be a mapping of version, Resources and Hooks, found " + describe(root),
                   "start the file with 'version: 0.0' followed by 'Resources:'");
    return parts;
  }
  // The "AppSpec File structure" page writes the top-level keys in lowercase for both platforms.
  Fields fields(checker, root, {{"version"}, {"Resources", true}, {"Hooks", true}}, "the top level");
  check_version(checker, fields.get("version"), root);
  parts.hooks = fields.get("Hooks");

  const Entry resources = fields.get("Resources");
  const std::string one = std::string("Resources must hold exactly one ") + family.resource_type + " entry";
  if (!resources.exists()) {
    checker.report(Severity::error, kResourcesMissing, root.position, "Resources is missing",
                   "add 'Resources:' with one '- Name:' item holding Type and Properties");
    return parts;
  }
  if (!resources.has_value()) {
    checker.report(Severity::error, kResourceCount, resources.where(), "Resources is empty; " + one,
                   "add one '- Name:' item holding Type and Properties");
    return parts;
  }
  const yaml::Node& list = checker.resolve(*resources.value);
  if (list.kind == yaml::NodeKind::alias) return parts;
  if (list.is_mapping()) {
    checker.report(Severity::error, kResourcesNotList, list.position, "Resources must be a list, found a mapping",
                   "start the resource with a dash: '- TargetService:'");
    // Check the entry anyway so one run shows every problem inside it.
    parts.properties = check_resource_item(checker, list, family);
    return parts;
  }
  if (!list.is_sequence()) {
    checker.report(Severity::error, kResourcesNotList, list.position,
                   "Resources must be a list, found " + describe(list),
                   "write one '- Name:' item holding Type and Properties");
    return parts;
  }
  if (list.items.empty()) {
    checker.report(Severity::error, kResourceCount, list.position, "Resources is an empty list; " + one,
                   "add one '- Name:' item holding Type and Properties");
    return parts;
  }
  if (list.items.size() > 1) {
    checker.report(Severity::error, kResourceCount, list.items[1].position,
                   "Resources has " + std::to_string(list.items.size()) + " entries; " + one,
                   "deploy each service or function with its own appspec; only the first entry is checked");
  }
  parts.properties = check_resource_item(checker, list.items[0], family);
  return parts;
}

Diagnostics check_platform_appspec(const yaml::Node& root, const std::string& file, const PlatformRules& rules) {
  Checker checker(rules.family.platform, file, root);
  const DocumentParts parts = check_document(checker, root, rules.family);
  if (parts.properties != nullptr) {
    const Fields fields(checker, *parts.properties, rules.properties, "Properties");
    rules.check_properties(checker, fields, *parts.properties);
  }
  const std::vector<HookUse> uses = check_hooks(checker, parts.hooks, rules.family, rules.hooks);
  if (rules.check_hook_uses != nullptr) rules.check_hook_uses(checker, uses);
  return checker.take();
}

}  // namespace cdrun::ecs_lambda
