// Registering an S3 revision with CodeDeploy and starting a deployment of it. Request shapes from
// the CodeDeploy API reference: RegisterApplicationRevision
// (https://docs.aws.amazon.com/codedeploy/latest/APIReference/API_RegisterApplicationRevision.html),
// CreateDeployment (.../API_CreateDeployment.html) and RevisionLocation / S3Location
// (.../API_RevisionLocation.html, .../API_S3Location.html).
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "aws/codedeploy/codedeploy_call.h"

namespace cdrun::aws {

// An S3Location: bundleType is "zip", "tar" or "tgz"; eTag and version may be "" (left out).
struct S3Revision {
  std::string bucket;
  std::string key;
  std::string bundle_type;
  std::string etag;
  std::string version;
};

// {"revisionType": "S3", "s3Location": {...}} with the empty members left out.
nlohmann::json revision_location(const S3Revision& revision);

// RegisterApplicationRevision; `description` "" is left out. Its answer is empty on success.
AwsResult<Done> register_application_revision(const ServiceTarget& target, const SigV4Credentials& credentials,
                                              const std::string& application, const S3Revision& revision,
                                              const std::string& description);

struct DeploymentRequest {
  std::string application;
  std::string deployment_group;
  std::string deployment_config;        // "" = the group's
  std::string description;              // "" = none
  std::string file_exists_behavior;     // "" = CodeDeploy's default (DISALLOW); else DISALLOW|OVERWRITE|RETAIN
  bool ignore_application_stop_failures = false;
};

// CreateDeployment of `revision`: the new deployment's id.
AwsResult<std::string> create_deployment(const ServiceTarget& target, const SigV4Credentials& credentials,
                                         const DeploymentRequest& request, const S3Revision& revision);

}  // namespace cdrun::aws
