// The CodeDeploy on-premises instance calls cdrun makes (JSON 1.1 protocol: POST /, X-Amz-Target
// CodeDeploy_20141006.<Operation>, SigV4 service "codedeploy").
#pragma once

#include <string>
#include <vector>

#include "aws/codedeploy/codedeploy_call.h"
#include "aws/core/aws_errors.h"
#include "aws/onprem/onprem_inputs.h"
#include "aws/core/sigv4_client.h"

namespace cdrun::aws {

struct OnPremInstanceInfo {
  std::string instance_name;
  std::string iam_session_arn;
  std::string iam_user_arn;
  bool deregistered = false;
  std::vector<InstanceTag> tags;
};

AwsResult<Done> register_on_premises_instance(const ServiceTarget& target, const SigV4Credentials& credentials,
                                              const std::string& instance_name, const std::string& session_arn,
                                              const AuthorizationHook& hook = {});

AwsResult<Done> add_tags_to_on_premises_instance(const ServiceTarget& target, const SigV4Credentials& credentials,
                                                 const std::string& instance_name, const std::vector<InstanceTag>& tags,
                                                 const AuthorizationHook& hook = {});

AwsResult<OnPremInstanceInfo> get_on_premises_instance(const ServiceTarget& target, const SigV4Credentials& credentials,
                                                       const std::string& instance_name,
                                                       const AuthorizationHook& hook = {});

}  // namespace cdrun::aws
