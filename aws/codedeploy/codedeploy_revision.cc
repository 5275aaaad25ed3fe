#include "aws/codedeploy/codedeploy_revision.h"

namespace cdrun::aws {

nlohmann::json revision_location(const S3Revision& revision) {
  nlohmann::json location{{"bucket", revision.bucket}, {"key", revision.key}, {"bundleType", revision.bundle_type}};
  if (!revision.etag.empty()) location["eTag"] = revision.etag;
  if (!revision.version.empty()) location["version"] = revision.version;
  return {{"revisionType", "S3"}, {"s3Location", location}};
}

AwsResult<Done> register_application_revision(const ServiceTarget& target, const SigV4Credentials& credentials,
                                              const std::string& application, const S3Revision& revision,
                                              const std::string& description) {
  nlohmann::json input{{"applicationName", application}, {"revision", revision_location(revision)}};
  if (!description.empty()) input["description"] = description;
  AwsResult<nlohmann::json> answer = call_codedeploy(target, credentials, "RegisterApplicationRevision", input);
  if (!answer.ok()) return AwsResult<Done>::fail(answer.failure);
  return AwsResult<Done>::success(Done{});
}

AwsResult<std::string> create_deployment(const ServiceTarget& target, const SigV4Credentials& credentials,
                                         const DeploymentRequest& request, const S3Revision& revision) {
  nlohmann::json input{{"applicationName", request.application},
                       {"deploymentGroupName", request.deployment_group},
                       {"revision", revision_location(revision)}};
  if (!request.deployment_config.empty()) input["deploymentConfigName"] = request.deployment_config;
  if (!request.description.empty()) input["description"] = request.description;
  if (!request.file_exists_behavior.empty()) input["fileExistsBehavior"] = request.file_exists_behavior;
  if (request.ignore_application_stop_failures) input["ignoreApplicationStopFailures"] = true;
  AwsResult<nlohmann::json> answer = call_codedeploy(target, credentials, "CreateDeployment", input);
  if (!answer.ok()) return AwsResult<std::string>::fail(answer.failure);
  const std::string id = json_string(*answer.value, "deploymentId");
  if (id.empty()) {
    AwsFailure failure;
    failure.kind = FailureKind::kResponse;
    failure.http_status = 200;
    failure.message = "no deploymentId in the answer to CreateDeployment";
    return AwsResult<std::string>::fail(failure);
  }
  return AwsResult<std::string>::success(id);
}

}  // namespace cdrun::aws
