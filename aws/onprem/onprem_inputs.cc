#include "aws/onprem/onprem_inputs.h"

#include <regex>
#include <set>

namespace cdrun::aws {
namespace {

constexpr size_t kMaxTags = 10;
constexpr size_t kMaxTagKey = 128;
constexpr size_t kMaxTagValue = 256;

bool matches(const std::string& text, const char* pattern) { return std::regex_match(text, std::regex(pattern)); }

}  // namespace

std::string check_role_arn(const std::string& arn) {
  if (arn.rfind("arn:arn:", 0) == 0) return "the role ARN \"" + arn + "\" starts with \"arn:\" twice";
  if (matches(arn, R"(arn:aws[a-z-]*:iam::\d{12}:role/([\x21-\x7e]*/)?[\w+=,.@-]{1,64})")) return "";
  if (matches(arn, R"(arn:aws[a-z-]*:sts::\d{12}:assumed-role/.*)"))
    return "\"" + arn + "\" is an assumed-role session ARN; --role-arn wants the role: arn:aws:iam::ACCOUNT:role/NAME";
  if (matches(arn, R"(arn:aws[a-z-]*:iam::\d{12}:user/.*)"))
    return "\"" + arn + "\" is an IAM user; --role-arn wants a role: arn:aws:iam::ACCOUNT:role/NAME";
  return "\"" + arn + "\" is not an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME, ACCOUNT being 12 digits)";
}

std::string check_session_name(const std::string& name) {
  if (matches(name, R"([\w+=,.@-]{2,64})")) return "";
  return "the session name \"" + name + "\" must be 2-64 characters of letters, digits and _+=,.@-";
}

std::string check_region(const std::string& region) {
  if (matches(region, R"([a-z]{2}(-[a-z]+)+-\d{1,2})")) return "";
  return "\"" + region + "\" is not an AWS region name (like us-east-1 or eu-central-1)";
}

std::string check_duration(long long seconds) {
  if (seconds >= 900 && seconds <= 43200) return "";
  return "the session duration must be 900-43200 seconds (got " + std::to_string(seconds) + ")";
}

std::string check_instance_name(const std::string& name) {
  if (name.empty()) return "the instance name is empty";
  if (name.size() > 100) return "the instance name \"" + name + "\" is longer than 100 characters";
  if (name.find(':') != std::string::npos)
    return "the instance name \"" + name + "\" contains ':' (CodeDeploy does not allow colons; avoid MAC addresses)";
  if (!matches(name, R"([A-Za-z0-9+=,.@_-]+)"))
    return "the instance name \"" + name + "\" may only contain letters, digits and +=,.@_-";
  if (name.rfind("i-", 0) == 0) return "the instance name \"" + name + "\" starts with \"i-\", which EC2 instance ids use";
  return "";
}

TagParse parse_instance_tags(const std::vector<std::string>& arguments) {
  TagParse parse;
  std::set<std::string> keys;
  for (const std::string& argument : arguments) {
    size_t start = 0;
    while (start <= argument.size()) {
      size_t comma = argument.find(',', start);
      if (comma == std::string::npos) comma = argument.size();
      const std::string item = argument.substr(start, comma - start);
      start = comma + 1;
      const size_t equals = item.find('=');
      if (equals == std::string::npos || equals == 0 || equals + 1 == item.size()) {
        parse.error = "the tag \"" + item + "\" needs both a key and a value (Key=Value)";
        return parse;
      }
      InstanceTag tag{item.substr(0, equals), item.substr(equals + 1)};
      if (tag.key.size() > kMaxTagKey) {
        parse.error = "the tag key \"" + tag.key + "\" is longer than 128 characters";
        return parse;
      }
      if (tag.value.size() > kMaxTagValue) {
        parse.error = "the value of tag \"" + tag.key + "\" is longer than 256 characters";
        return parse;
      }
      if (!keys.insert(tag.key).second) {
        parse.error = "the tag key \"" + tag.key + "\" is given twice";
        return parse;
      }
      parse.tags.push_back(tag);
    }
  }
  if (parse.tags.size() > kMaxTags)
    parse.error = "an on-premises instance can have at most 10 tags (" + std::to_string(parse.tags.size()) + " given)";
  return parse;
}

}  // namespace cdrun::aws
