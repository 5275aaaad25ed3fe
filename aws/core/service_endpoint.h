// Which URL an AWS call goes to, by the SDKs' rule: an explicit endpoint (--endpoint-url), then
// AWS_ENDPOINT_URL_<SERVICE> (e.g. AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL_CODEDEPLOY), then
// AWS_ENDPOINT_URL, then the service's regional endpoint.
#pragma once

#include <string>

#include "aws/core/environment.h"

namespace cdrun::aws {

struct ResolvedEndpoint {
  std::string url;
  std::string source;  // "--endpoint-url", "AWS_ENDPOINT_URL_STS", "AWS_ENDPOINT_URL", "regional default", ...
};

// `service_env_id` is the upper-case id of the variable ("STS", "CODEDEPLOY"); `host_prefix` the
// regional host's first label ("sts", "codedeploy"). `stored` (may be empty) is an endpoint recorded
// at configure time, used after the environment and before the regional default.
ResolvedEndpoint resolve_endpoint(const std::string& explicit_url, const std::string& service_env_id,
                                  const std::string& host_prefix, const std::string& region, const EnvLookup& env,
                                  const std::string& stored = "");

// https://<prefix>.<region>.amazonaws.com (".amazonaws.com.cn" for the China regions).
std::string regional_endpoint(const std::string& host_prefix, const std::string& region);

// "" when `url` is usable as an endpoint (http:// or https://, a host), else why not.
std::string check_endpoint_url(const std::string& url);

}  // namespace cdrun::aws
