// What `cdrun role render` is asked to produce: the parts, the names and the tag filters, checked before rendering.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace cdrun {

// Each part adds IAM documents and template resources (see role_documents.h and role_template.h).
enum class RolePart { ec2_instance, onprem, service_role, ci_deployer, application };

struct RoleTag {
  std::string key;
  std::string value;
};

struct RoleOptions {
  std::set<RolePart> parts;
  std::string bucket_prefix = "codedeploy-";  // revision buckets: every bucket whose name starts with it
  std::string name_prefix = "CodeDeploy";     // prefix of the role, instance profile and managed policy names
  std::string onprem_user_name;                // empty: <name_prefix>OnPremUser
  std::string application_name;
  std::string deployment_group_name;
  std::vector<RoleTag> ec2_tags;
  std::vector<RoleTag> onprem_tags;
  std::string account;  // only the JSON documents use these; the template takes the stack's pseudo parameters
  std::string region;

  bool has(RolePart part) const { return parts.count(part) != 0; }
};

// The part's name as --parts spells it.
const char* role_part_name(RolePart part);

// "onprem,service-role" (or "all") into parts; an error message naming the offending item otherwise.
std::optional<std::string> parse_role_parts(const std::string& list, std::set<RolePart>& parts);

// "Key=Value" (split at the first '='; both sides non-empty) into a tag; `flag` names the option in the message.
std::optional<std::string> parse_role_tag(const std::string& text, const std::string& flag, RoleTag& tag);

// Names, lengths, account, region and which options each part needs; the first problem found, if any.
std::optional<std::string> check_role_options(const RoleOptions& options);

// The physical names the parts create, derived from the options.
struct RoleNames {
  std::string instance_role;
  std::string instance_profile;
  std::string onprem_role;
  std::string onprem_user;
  std::string service_role;
  std::string ci_deployer_policy;
};
RoleNames role_names(const RoleOptions& options);

// "aws", "aws-cn" or "aws-us-gov" for a region ("aws" when none is given).
std::string role_partition(const std::string& region);

}  // namespace cdrun
