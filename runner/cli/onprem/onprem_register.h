// Registering an on-premises instance under its IAM session ARN (and tagging it), or printing the
// AWS CLI commands that do, for `cdrun onprem configure`.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "aws/core/base_credentials.h"
#include "aws/onprem/onprem_inputs.h"

namespace cdrun::onprem {

struct RegistrationRequest {
  std::string instance_name;
  std::string session_arn;
  std::string region;
  std::vector<aws::InstanceTag> tags;
  std::string endpoint_url;      // --endpoint-url ("" = none)
  std::string register_profile;  // "" = register with the base credentials
  std::string written_files;     // the session files configure wrote, for messages: "A, B and C"
};

void print_registration_commands(const RegistrationRequest& request, std::ostream& out);

// Registers (an instance already registered under the same session ARN counts as done), then adds
// the tags. Returns 0, 1 (AWS or network failure) or 2 (no usable credentials for --register-profile).
// The session files stay written when this fails: they are valid, and registering is the one step
// left, so each failure message names them and gives the commands that finish the job.
int register_instance(const RegistrationRequest& request, const aws::BaseCredentials& base, const aws::EnvLookup& env,
                      std::ostream& out, std::ostream& err);

}  // namespace cdrun::onprem
