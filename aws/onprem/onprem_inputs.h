// Checks of what a user types for an on-premises setup, before anything is sent: each returns "" or
// a sentence saying what is wrong. The limits are AWS's (IAM/STS API reference, the CLI's
// `aws deploy register` checks).
#pragma once

#include <string>
#include <vector>

namespace cdrun::aws {

// arn:<partition>:iam::<12 digits>:role/[path/]name — a role, not a user or an assumed-role ARN.
std::string check_role_arn(const std::string& arn);
// 2-64 characters of [A-Za-z0-9_+=,.@-] (RoleSessionName).
std::string check_session_name(const std::string& name);
// e.g. us-east-1, eu-central-1, us-gov-west-1, cn-north-1.
std::string check_region(const std::string& region);
// 900..43200 seconds (the role's MaxSessionDuration may allow less; STS says so then).
std::string check_duration(long long seconds);
// 1-100 characters of [A-Za-z0-9+=,.@_-], not starting with "i-" (colons, as in MAC addresses, are not allowed).
std::string check_instance_name(const std::string& name);

struct InstanceTag {
  std::string key;
  std::string value;
};

struct TagParse {
  std::vector<InstanceTag> tags;
  std::string error;
};

// "Key=Value,Key2=Value2" (each argument may hold several, comma-separated; a value may contain '=').
// Both key and value are required, keys ≤ 128 and values ≤ 256 characters, at most 10 tags, no key twice.
TagParse parse_instance_tags(const std::vector<std::string>& arguments);

}  // namespace cdrun::aws
