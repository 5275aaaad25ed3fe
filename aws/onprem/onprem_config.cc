#include "aws/onprem/onprem_config.h"

namespace cdrun::aws {
namespace {

bool plain(const std::string& word, const std::string& extra) {
  if (word.empty()) return false;
  for (unsigned char c : word) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    extra.find(static_cast<char>(c)) != std::string::npos;
    if (!ok) return false;
  }
  return true;
}

// YAML plain scalars are safe for ARNs and paths of ordinary characters; anything else is single-quoted.
std::string yaml_scalar(const std::string& value) {
  if (plain(value, "/._-:+=,@") && value.find(": ") == std::string::npos && value.back() != ':') return value;
  std::string quoted = "'";
  for (char c : value) quoted += c == '\'' ? std::string("''") : std::string(1, c);
  return quoted + "'";
}

}  // namespace

std::string render_credentials_file(const SessionCredentials& c) {
  return "[default]\naws_access_key_id = " + c.access_key_id + "\naws_secret_access_key = " + c.secret_access_key +
         "\naws_session_token = " + c.session_token + "\n";
}

std::string render_onpremises_yml(const std::string& session_arn, const std::string& credentials_file,
                                  const std::string& region) {
  return "---\niam_session_arn: " + yaml_scalar(session_arn) + "\naws_credentials_file: " +
         yaml_scalar(credentials_file) + "\nregion: " + yaml_scalar(region) + "\n";
}

std::string shell_quote(const std::string& word) {
  if (plain(word, "/._-:+=,@%")) return word;
  std::string quoted = "'";
  for (char c : word) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

RegistrationCommands registration_commands(const std::string& instance_name, const std::string& session_arn,
                                           const std::string& region, const std::vector<InstanceTag>& tags,
                                           const std::string& endpoint_url) {
  const std::string common =
      " --region " + shell_quote(region) + (endpoint_url.empty() ? "" : " --endpoint-url " + shell_quote(endpoint_url));
  RegistrationCommands commands;
  commands.register_instance = "aws deploy register-on-premises-instance --instance-name " + shell_quote(instance_name) +
                               " --iam-session-arn " + shell_quote(session_arn) + common;
  if (!tags.empty()) {
    commands.add_tags = "aws deploy add-tags-to-on-premises-instances --instance-names " + shell_quote(instance_name) +
                        " --tags";
    for (const InstanceTag& tag : tags)
      commands.add_tags += " " + shell_quote("Key=" + tag.key + ",Value=" + tag.value);
    commands.add_tags += common;
  }
  return commands;
}

}  // namespace cdrun::aws
