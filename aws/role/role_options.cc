#include "aws/role/role_options.h"

#include <regex>

namespace cdrun {
namespace {

struct PartName {
  RolePart part;
  const char* name;
};
constexpr PartName kPartNames[] = {{RolePart::ec2_instance, "ec2-instance"},
                                   {RolePart::onprem, "onprem"},
                                   {RolePart::service_role, "service-role"},
                                   {RolePart::ci_deployer, "ci-deployer"},
                                   {RolePart::application, "application"}};

// Each pattern is compiled on first use, not at start-up: std::regex compiles slowly, and every cdrun
// run (a one-appspec validate takes a few milliseconds) would pay for all of them otherwise.

// IAM names: role and user names up to 64 characters, instance profiles and managed policies up to 128.
const std::regex& iam_name_pattern() {
  static const std::regex pattern("[A-Za-z0-9_+=,.@-]+");
  return pattern;
}
// S3 bucket names are lower-case letters, digits, dots and hyphens, starting with a letter or digit;
// the prefix leaves room for at least one more character (names are at most 63).
const std::regex& bucket_prefix_pattern() {
  static const std::regex pattern("[a-z0-9][a-z0-9.-]{0,61}");
  return pattern;
}
// CodeDeploy allows up to 100 characters; the set is ours, so names stay safe inside ARNs and !Sub strings.
const std::regex& codedeploy_name_pattern() {
  static const std::regex pattern("[A-Za-z0-9_+=,.@-]{1,100}");
  return pattern;
}
const std::regex& account_pattern() {
  static const std::regex pattern("[0-9]{12}");
  return pattern;
}
const std::regex& region_pattern() {
  static const std::regex pattern("[a-z]{2}(-[a-z]+)+-[0-9]{1,2}");
  return pattern;
}

bool has_control_character(const std::string& text) {
  for (unsigned char c : text) {
    if (c < 0x20 || c == 0x7f) return true;
  }
  return false;
}

std::optional<std::string> check_iam_name(const std::string& what, const std::string& name, size_t limit) {
  if (!std::regex_match(name, iam_name_pattern())) {
    return what + " '" + name + "' may only contain letters, digits and _+=,.@-";
  }
  if (name.size() > limit) {
    return what + " '" + name + "' is " + std::to_string(name.size()) + " characters long; IAM allows at most " +
           std::to_string(limit);
  }
  return std::nullopt;
}

std::optional<std::string> check_tags(const std::vector<RoleTag>& tags, const char* flag, const RoleOptions& options) {
  if (!tags.empty() && !options.has(RolePart::application)) {
    return std::string(flag) + " selects deployment-group instances: it needs the application part in --parts";
  }
  return std::nullopt;
}

}  // namespace

const char* role_part_name(RolePart part) {
  for (const PartName& entry : kPartNames) {
    if (entry.part == part) return entry.name;
  }
  return "?";
}

std::optional<std::string> parse_role_parts(const std::string& list, std::set<RolePart>& parts) {
  parts.clear();
  size_t start = 0;
  while (start <= list.size()) {
    const size_t comma = list.find(',', start);
    const std::string item = list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (item.empty()) return "--parts '" + list + "': empty item (expected a comma list without blanks)";
    bool known = false;
    for (const PartName& entry : kPartNames) {
      if (item == entry.name || item == "all") {
        parts.insert(entry.part);
        known = true;
      }
    }
    if (!known) {
      return "--parts: unknown part '" + item +
             "' (expected ec2-instance, onprem, service-role, ci-deployer, application or all)";
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return std::nullopt;
}

std::optional<std::string> parse_role_tag(const std::string& text, const std::string& flag, RoleTag& tag) {
  const size_t equals = text.find('=');
  if (equals == std::string::npos || equals == 0 || equals + 1 == text.size()) {
    return flag + " '" + text + "': expected Key=Value with a non-empty key and value";
  }
  tag.key = text.substr(0, equals);
  tag.value = text.substr(equals + 1);
  if (has_control_character(text)) return flag + " '" + text + "': control characters are not allowed in tags";
  if (tag.key.size() > 128) return flag + " '" + text + "': the key is longer than 128 characters";
  if (tag.value.size() > 256) return flag + " '" + text + "': the value is longer than 256 characters";
  return std::nullopt;
}

std::optional<std::string> check_role_options(const RoleOptions& options) {
  if (options.parts.empty()) return "--parts is required (ec2-instance, onprem, service-role, ci-deployer, application)";
  if (!std::regex_match(options.bucket_prefix, bucket_prefix_pattern())) {
    return "--bucket-prefix '" + options.bucket_prefix +
           "': a bucket-name prefix is 1-62 lower-case letters, digits, dots or hyphens, starting with a letter or digit";
  }
  if (!options.name_prefix.empty() && !std::regex_match(options.name_prefix, iam_name_pattern())) {
    return "--name-prefix '" + options.name_prefix + "' may only contain letters, digits and _+=,.@-";
  }
  const RoleNames names = role_names(options);
  struct NameCheck {
    RolePart part;
    const char* what;
    const std::string& name;
    size_t limit;
  };
  const NameCheck checks[] = {{RolePart::ec2_instance, "role name", names.instance_role, 64},
                              {RolePart::ec2_instance, "instance profile name", names.instance_profile, 128},
                              {RolePart::onprem, "role name", names.onprem_role, 64},
                              {RolePart::onprem, "--onprem-user-name", names.onprem_user, 64},
                              {RolePart::service_role, "role name", names.service_role, 64},
                              {RolePart::ci_deployer, "managed policy name", names.ci_deployer_policy, 128}};
  for (const NameCheck& check : checks) {
    if (!options.has(check.part)) continue;
    if (auto problem = check_iam_name(check.what, check.name, check.limit)) return problem;
  }
  if (!options.account.empty() && !std::regex_match(options.account, account_pattern())) {
    return "--account '" + options.account + "': an AWS account id is exactly 12 digits";
  }
  if (!options.region.empty() && !std::regex_match(options.region, region_pattern())) {
    return "--region '" + options.region + "' does not look like an AWS region (e.g. us-east-1)";
  }

  const bool names_app = options.has(RolePart::application) || options.has(RolePart::ci_deployer);
  for (const auto& [flag, value] : {std::pair<const char*, const std::string&>{"--application-name", options.application_name},
                                    {"--deployment-group-name", options.deployment_group_name}}) {
    if (names_app && value.empty()) return std::string(flag) + " is required by the application and ci-deployer parts";
    if (!names_app && !value.empty()) return std::string(flag) + " is only used by the application and ci-deployer parts";
    if (!value.empty() && !std::regex_match(value, codedeploy_name_pattern())) {
      return std::string(flag) + " '" + value + "': use 1-100 letters, digits and _+=,.@-";
    }
  }
  if (!options.onprem_user_name.empty() && !options.has(RolePart::onprem)) {
    return "--onprem-user-name is only used by the onprem part";
  }
  if (auto problem = check_tags(options.ec2_tags, "--ec2-tag", options)) return problem;
  if (auto problem = check_tags(options.onprem_tags, "--onprem-tag", options)) return problem;
  if (options.has(RolePart::application) && options.ec2_tags.empty() && options.onprem_tags.empty()) {
    return "the application part needs at least one --ec2-tag or --onprem-tag to select the group's instances";
  }
  return std::nullopt;
}

RoleNames role_names(const RoleOptions& options) {
  const std::string& p = options.name_prefix;
  RoleNames names;
  names.instance_role = p + "EC2InstanceRole";
  names.instance_profile = p + "EC2InstanceProfile";
  names.onprem_role = p + "OnPremRole";
  names.onprem_user = options.onprem_user_name.empty() ? p + "OnPremUser" : options.onprem_user_name;
  names.service_role = p + "ServiceRole";
  names.ci_deployer_policy = p + "CiDeployer";
  return names;
}

std::string role_partition(const std::string& region) {
  if (region.rfind("cn-", 0) == 0) return "aws-cn";
  if (region.rfind("us-gov-", 0) == 0) return "aws-us-gov";
  return "aws";
}

}  // namespace cdrun
