// The Hooks section of ECS and Lambda appspecs: a list of single-key maps from a lifecycle event to
// the Lambda function CodeDeploy invokes for it (appspec-reference.md §1.3, §1.4, §2.3).
#include <algorithm>
#include <map>

#include "appspec/ecs_lambda/ecs_lambda_internal.h"

namespace cdrun::ecs_lambda {

namespace {

constexpr std::string_view kManagedPrefix = "CodeDeployHook_";

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

const std::string* find_ignoring_case(const std::vector<std::string>& names, const std::string& word) {
  for (const auto& name : names) {
    if (equals_ignoring_case(name, word)) return &name;
  }
  return nullptr;
}

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts(1);
  for (char c : text) {
    if (c == separator) {
      parts.emplace_back();
    } else {
      parts.back() += c;
    }
  }
  return parts;
}

bool valid_function_name(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

// The bare function name inside a name, "name:qualifier", a partial ARN "account:function:name" or
// a full ARN "arn:aws:lambda:region:account:function:name[:qualifier]"; nullopt when malformed.
std::optional<std::string> function_name(const std::string& text) {
  const std::vector<std::string> parts = split(text, ':');
  if (parts[0] == "arn") {
    const bool shaped = (parts.size() == 7 || parts.size() == 8) && parts[1].rfind("aws", 0) == 0 &&
                        parts[2] == "lambda" && !parts[3].empty() && parts[4].size() == 12 &&
                        std::all_of(parts[4].begin(), parts[4].end(), [](char c) { return c >= '0' && c <= '9'; }) &&
                        parts[5] == "function";
    if (!shaped) return std::nullopt;
    return valid_function_name(parts[6]) ? std::optional<std::string>(parts[6]) : std::nullopt;
  }
  if ((parts.size() == 3 || parts.size() == 4) && parts[1] == "function") {
    return valid_function_name(parts[2]) ? std::optional<std::string>(parts[2]) : std::nullopt;
  }
  if (parts.size() > 2) return std::nullopt;
  return valid_function_name(parts[0]) ? std::optional<std::string>(parts[0]) : std::nullopt;
}

void check_function(Checker& checker, const Entry& hook, const std::string& event, const Family& family) {
  const std::string example = std::string(kManagedPrefix) + event;
  if (!hook.has_value()) {
    checker.report(Severity::error, kHookFunctionMissing, hook.where(), "hook " + event + " names no function",
                   "give the Lambda function name or ARN to invoke, e.g. '" + event + ": " + example + "'");
    return;
  }
  const auto text = expect_string(checker, *hook.value, "the function of hook " + event);
  if (!text) return;
  const Position at = checker.resolve(*hook.value).position;
  if (text->empty()) {
    checker.report(Severity::error, kHookFunctionMissing, at, "hook " + event + " names no function",
                   "give the Lambda function name or ARN to invoke, e.g. '" + event + ": " + example + "'");
    return;
  }
  const auto name = function_name(*text);
  if (!name) {
    checker.report(Severity::warning, kHookFunctionMalformed, at,
                   "the function of hook " + event + ", " + quoted_text(*text) +
                       ", is neither a Lambda function name nor a function ARN",
                   "use a name of at most 64 letters, digits, '-' and '_', or "
                   "arn:aws:lambda:<region>:<account>:function:<name>");
    return;
  }
  if (name->rfind(kManagedPrefix, 0) == 0) return;
  const std::string message = "hook function '" + *name + "' does not start with " + std::string(kManagedPrefix);
  const std::string rename = "rename it to '" + example + "' or grant the service role lambda:InvokeFunction on it";
  if (family.platform == Platform::lambda) {
    // Both managed policies for Lambda deployments (AWSCodeDeployRoleForLambda and its Limited
    // variant) allow invoking CodeDeployHook_* functions only.
    checker.report(Severity::warning, kHookFunctionPrefix, at, message,
                   "the managed service-role policy AWSCodeDeployRoleForLambda only allows invoking " +
                       std::string(kManagedPrefix) + "* functions; " + rename);
  } else {
    // AWSCodeDeployRoleForECS may invoke any function; only the Limited variant restricts names.
    checker.report(Severity::note, kHookFunctionPrefix, at, message,
                   "only a service role with the AWSCodeDeployRoleForECSLimited managed policy is limited to " +
                       std::string(kManagedPrefix) + "* functions (AWSCodeDeployRoleForECS invokes any); with it, " +
                       rename);
  }
}

}  // namespace

std::vector<std::pair<std::string, std::string>> with_ec2_only_events(std::vector<std::pair<std::string, std::string>> others) {
  for (const char* event : {"ApplicationStop", "ApplicationStart", "ValidateService", "BeforeBlockTraffic", "AfterBlockTraffic",
                            "DownloadBundle", "BlockTraffic"}) {
    others.emplace_back(event, "EC2/on-premises");
  }
  return others;
}

std::vector<HookUse> check_hooks(Checker& checker, const Entry& hooks, const Family& family,
                                 const HookCatalog& catalog) {
  std::vector<HookUse> uses;
  if (!hooks.exists()) return uses;
  if (!hooks.has_value()) {
    checker.report(Severity::warning, kHooksEmpty, hooks.where(), "Hooks has no value",
                   "remove the Hooks key, or list hooks under it as '- Event: function'");
    return uses;
  }
  const yaml::Node& list = checker.resolve(*hooks.value);
  if (list.kind == yaml::NodeKind::alias) return uses;
  const std::string shape_hint =
      "write each hook as its own list item with a dash: '- BeforeAllowTraffic: " + std::string(kManagedPrefix) +
      "Check'";
  std::vector<const yaml::Node*> entries;
  if (list.is_sequence()) {
    for (const auto& item : list.items) entries.push_back(&checker.resolve(item));
  } else {
    checker.report(Severity::error, kHooksNotList, list.position,
                   "Hooks must be a list of single-key mappings, found " + describe(list), shape_hint);
    // A mapping still says which events were meant; check them so one run shows every problem.
    if (!list.is_mapping()) return uses;
    entries.push_back(&list);
  }

  std::map<std::string, Position> seen;
  for (const yaml::Node* entry : entries) {
    if (entry->kind == yaml::NodeKind::alias) continue;
    if (!entry->is_mapping() || entry->pairs.empty()) {
      checker.report(Severity::error, kHookItemShape, entry->position,
                     "a Hooks entry must be 'Event: function', found " + describe(*entry), shape_hint);
      continue;
    }
    if (entry->pairs.size() > 1 && list.is_sequence()) {
      checker.report(Severity::error, kHookItemShape, entry->position,
                     "a Hooks entry holds " + std::to_string(entry->pairs.size()) + " events; it must hold one",
                     shape_hint);
    }
    for (const auto& [key, value] : entry->pairs) {
      const std::string written = key.is_scalar() ? key.value : describe(key);
      const std::string* allowed = find_ignoring_case(catalog.allowed, written);
      if (allowed == nullptr) {
        const std::string valid = "valid " + std::string(family.label) + " hooks: " + joined(catalog.allowed);
        if (const std::string* reserved = find_ignoring_case(catalog.reserved, written)) {
          checker.report(Severity::error, kHookReserved, key.position,
                         "'" + *reserved + "' is reserved for CodeDeploy in " + family.label +
                             " deployments; no function can run in it",
                         valid);
          continue;
        }
        const auto foreign = std::find_if(catalog.foreign.begin(), catalog.foreign.end(),
                                          [&](const auto& pair) { return equals_ignoring_case(pair.first, written); });
        if (foreign != catalog.foreign.end()) {
          checker.report(Severity::error, kHookOtherPlatform, key.position,
                         "'" + foreign->first + "' is a lifecycle event of " + foreign->second + " deployments only; " +
                             family.label + " deployments never run it",
                         valid);
          continue;
        }
        const std::string suggestion = did_you_mean(written, catalog.allowed);
        checker.report(Severity::error, kHookUnknown, key.position,
                       "unknown " + std::string(family.label) + " hook event " + quoted_text(written),
                       suggestion.empty() ? valid : "did you mean '" + suggestion + "'? " + valid);
        continue;
      }
      if (written != *allowed) {
        checker.report(Severity::warning, kKeyCase, key.position,
                       "hook event " + quoted_text(written) + " is not written as documented ('" + *allowed + "')",
                       "write '" + *allowed + "'; event names are documented with this exact case");
      }
      const auto [first, inserted] = seen.emplace(*allowed, key.position);
      if (!inserted) {
        checker.report(Severity::warning, kHookDuplicate, key.position,
                       "hook " + *allowed + " is listed again (first at line " + std::to_string(first->second.line) +
                           ", column " + std::to_string(first->second.column) + ")",
                       "CodeDeploy runs one function per event; keep a single entry");
      }
      check_function(checker, Entry{&key, &value}, *allowed, family);
      uses.push_back(HookUse{*allowed, &key});
    }
  }
  return uses;
}

}  // namespace cdrun::ecs_lambda
