// What a cdrun command that calls AWS as the user (push, watch, S3 bundle locations) signs with and
// where it sends it, resolved as the AWS CLI does: credentials through find_base_credentials; the
// region from --region, else AWS_REGION, else AWS_DEFAULT_REGION, else `region` of the profile in the
// config file; each service's endpoint through resolve_endpoint (AWS_ENDPOINT_URL_<SERVICE>, then
// AWS_ENDPOINT_URL); extra trust from AWS_CA_BUNDLE.
#pragma once

#include <optional>
#include <string>

#include "aws/core/base_credentials.h"
#include "aws/core/environment.h"
#include "aws/core/service_endpoint.h"
#include "aws/core/sigv4_client.h"

namespace cdrun::aws {

struct ClientQuery {
  std::string region;        // --region ("" = none)
  std::string profile;       // --profile ("" = none)
  std::string endpoint_url;  // --endpoint-url ("" = none): applies to every service the command calls
  bool has_region_option = true;  // whether the no-region message may advise --region
};

struct ClientSettings {
  BaseCredentials credentials;
  std::string region;
  std::string region_source;  // "--region", "AWS_REGION", "AWS_DEFAULT_REGION", "/root/.aws/config [profile x]"
  std::string endpoint_url;   // the query's
  std::string ca_bundle;      // AWS_CA_BUNDLE, "" when unset
};

struct ClientLookup {
  std::optional<ClientSettings> settings;
  std::string error;  // why there are none: no credentials, no region, a region that is not one
  bool no_credentials = false;  // the region was fine; no credentials were found (`error` says where it looked)
};

ClientLookup resolve_client(const ClientQuery& query, const EnvLookup& env);

// A service's target under `settings`: `env_id` "S3", "CODEDEPLOY"; `host_prefix` "s3", "codedeploy".
// `custom` (may be null) is set to true when the endpoint is not the regional default.
ServiceTarget client_target(const ClientSettings& settings, const std::string& env_id, const std::string& host_prefix,
                            const EnvLookup& env, bool* custom = nullptr);

}  // namespace cdrun::aws
