// One CodeDeploy operation over the JSON 1.1 protocol (POST /, X-Amz-Target
// CodeDeploy_20141006.<Operation>, SigV4 service "codedeploy"), its answer as a JSON object.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "aws/core/aws_errors.h"
#include "aws/core/sigv4_client.h"

namespace cdrun::aws {

// The answer object, or the failure: no answer (kNetwork), CodeDeploy's error document (kService,
// with its code such as "ThrottlingException" or "DeploymentDoesNotExistException"), or an answer
// that is not a JSON object (kResponse). One attempt: callers decide about retries (is_transient).
AwsResult<nlohmann::json> call_codedeploy(const ServiceTarget& target, const SigV4Credentials& credentials,
                                          const std::string& operation, const nlohmann::json& input,
                                          const AuthorizationHook& hook = {});

// A JSON-protocol error ({"__type": "...#Code", "message": ...}); XML error documents, which some
// front ends answer with, are read too.
AwsFailure parse_json_error(long http_status, const std::string& body);

// The string member `name` of `object`, "" when absent or not a string.
std::string json_string(const nlohmann::json& object, const char* name);

}  // namespace cdrun::aws
