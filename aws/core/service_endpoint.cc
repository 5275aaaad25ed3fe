#include "aws/core/service_endpoint.h"

namespace cdrun::aws {

std::string regional_endpoint(const std::string& host_prefix, const std::string& region) {
  const bool china = region.rfind("cn-", 0) == 0;
  return "https://" + host_prefix + "." + region + (china ? ".amazonaws.com.cn" : ".amazonaws.com");
}

ResolvedEndpoint resolve_endpoint(const std::string& explicit_url, const std::string& service_env_id,
                                  const std::string& host_prefix, const std::string& region, const EnvLookup& env,
                                  const std::string& stored) {
  if (!explicit_url.empty()) return {explicit_url, "--endpoint-url"};
  const std::string service_variable = "AWS_ENDPOINT_URL_" + service_env_id;
  if (std::optional<std::string> url = env(service_variable)) return {*url, service_variable};
  if (std::optional<std::string> url = env("AWS_ENDPOINT_URL")) return {*url, "AWS_ENDPOINT_URL"};
  if (!stored.empty()) return {stored, "the endpoint recorded by configure"};
  return {regional_endpoint(host_prefix, region), "the regional endpoint"};
}

std::string check_endpoint_url(const std::string& url) {
  const bool https = url.rfind("https://", 0) == 0;
  if (!https && url.rfind("http://", 0) != 0) return "the endpoint URL \"" + url + "\" must start with https:// (or http://)";
  const size_t host_start = https ? 8 : 7;
  if (url.size() <= host_start || url[host_start] == '/' || url[host_start] == ':')
    return "the endpoint URL \"" + url + "\" names no host";
  if (url.find_first_of(" \t\r\n") != std::string::npos) return "the endpoint URL \"" + url + "\" contains whitespace";
  return "";
}

}  // namespace cdrun::aws
