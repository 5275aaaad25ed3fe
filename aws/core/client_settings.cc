#include "aws/core/client_settings.h"

#include <regex>

#include "aws/core/ini_file.h"

namespace cdrun::aws {
namespace {

bool looks_like_region(const std::string& region) {
  static const std::regex pattern(R"([a-z]{2}(-[a-z]+)+-\d{1,2})");
  return std::regex_match(region, pattern);
}

// The region of the profile in use, from the config file, with where it was found; {"", ""} when none.
std::pair<std::string, std::string> config_file_region(const ClientQuery& query, const EnvLookup& env,
                                                       std::string& error) {
  CredentialQuery files;
  files.explicit_profile = query.profile;
  std::string profile = query.profile.empty() ? env("AWS_PROFILE").value_or("default") : query.profile;
  const std::string path = shared_config_path(files, env);
  const IniFileRead config = read_ini_file(path);
  if (!config.error.empty()) {
    error = config.error;
    return {"", ""};
  }
  const IniSection* section = config.ini.find("profile " + profile);
  if (!section && profile == "default") section = config.ini.find("default");
  if (!section) return {"", ""};
  auto region = section->find("region");
  if (region == section->end() || region->second.empty()) return {"", ""};
  return {region->second, path + " [profile " + profile + "]"};
}

}  // namespace

ClientLookup resolve_client(const ClientQuery& query, const EnvLookup& env) {
  ClientLookup lookup;
  ClientSettings settings;
  if (!query.region.empty()) {
    settings.region = query.region;
    settings.region_source = "--region";
  } else if (std::optional<std::string> region = env("AWS_REGION")) {
    settings.region = *region;
    settings.region_source = "AWS_REGION";
  } else if (std::optional<std::string> fallback = env("AWS_DEFAULT_REGION")) {
    settings.region = *fallback;
    settings.region_source = "AWS_DEFAULT_REGION";
  } else {
    std::string error;
    std::tie(settings.region, settings.region_source) = config_file_region(query, env, error);
    if (!error.empty()) {
      lookup.error = error;
      return lookup;
    }
  }
  if (settings.region.empty()) {
    lookup.error = std::string("no AWS region: ") + (query.has_region_option ? "give --region, or " : "") +
                   "set AWS_REGION or AWS_DEFAULT_REGION, or `region` in the profile";
    return lookup;
  }
  if (!looks_like_region(settings.region)) {
    lookup.error = "\"" + settings.region + "\" (from " + settings.region_source +
                   ") is not an AWS region name (like us-east-1 or eu-central-1)";
    return lookup;
  }
  CredentialQuery credentials;
  credentials.explicit_profile = query.profile;
  CredentialLookup found = find_base_credentials(credentials, env);
  if (!found.credentials) {
    lookup.error = found.error;
    lookup.no_credentials = true;
    return lookup;
  }
  settings.credentials = std::move(*found.credentials);
  settings.endpoint_url = query.endpoint_url;
  settings.ca_bundle = env("AWS_CA_BUNDLE").value_or("");
  lookup.settings = std::move(settings);
  return lookup;
}

ServiceTarget client_target(const ClientSettings& settings, const std::string& env_id, const std::string& host_prefix,
                            const EnvLookup& env, bool* custom) {
  const ResolvedEndpoint endpoint = resolve_endpoint(settings.endpoint_url, env_id, host_prefix, settings.region, env);
  if (custom) *custom = endpoint.url != regional_endpoint(host_prefix, settings.region);
  return ServiceTarget{endpoint.url, settings.region, settings.ca_bundle};
}

}  // namespace cdrun::aws
