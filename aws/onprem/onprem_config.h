// The files the CodeDeploy agent reads on an on-premises host in IAM-session mode, and the
// registration commands a person runs for it.
#pragma once

#include <string>
#include <vector>

#include "aws/onprem/onprem_inputs.h"
#include "aws/core/sts_assume_role.h"

namespace cdrun::aws {

inline constexpr const char* kDefaultAgentConfigDir = "/etc/codedeploy-agent/conf";
inline constexpr const char* kOnPremisesConfigName = "codedeploy.onpremises.yml";

// [default] with aws_access_key_id, aws_secret_access_key, aws_session_token: what the agent's
// FileCredentials (and any AWS SDK) reads.
std::string render_credentials_file(const SessionCredentials& credentials);

// ---, iam_session_arn, aws_credentials_file (absolute), region. Values needing it are quoted.
std::string render_onpremises_yml(const std::string& session_arn, const std::string& credentials_file,
                                  const std::string& region);

// The value as one shell word: unchanged when safe, else in single quotes.
std::string shell_quote(const std::string& word);

struct RegistrationCommands {
  std::string register_instance;  // aws deploy register-on-premises-instance ...
  std::string add_tags;           // aws deploy add-tags-to-on-premises-instances ... ("" without tags)
};

// `endpoint_url` ("" = none) is added as --endpoint-url so the commands reach the same service.
RegistrationCommands registration_commands(const std::string& instance_name, const std::string& session_arn,
                                           const std::string& region, const std::vector<InstanceTag>& tags,
                                           const std::string& endpoint_url);

}  // namespace cdrun::aws
