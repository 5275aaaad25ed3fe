#include "aws/core/base_credentials.h"

#include "aws/core/ini_file.h"

namespace cdrun::aws {
namespace {

std::string value_of(const IniSection& section, const std::string& key) {
  auto it = section.find(key);
  return it == section.end() ? "" : it->second;
}

// Keys from one profile section, or an explanation of why this profile cannot serve.
std::optional<BaseCredentials> keys_from_section(const IniSection& section, const std::string& where,
                                                 const std::string& profile, std::string& error) {
  const std::string id = value_of(section, "aws_access_key_id");
  const std::string secret = value_of(section, "aws_secret_access_key");
  if (id.empty() && secret.empty()) {
    for (const char* other : {"role_arn", "credential_process", "sso_session", "sso_start_url", "web_identity_token_file"})
      if (section.count(other))
        error = where + " configures profile \"" + profile + "\" with " + other +
                ", which cdrun does not follow: give this host a profile with static keys " +
                "(aws_access_key_id / aws_secret_access_key)";
    return std::nullopt;
  }
  if (id.empty() || secret.empty()) {
    error = where + " has " + (id.empty() ? "aws_secret_access_key without aws_access_key_id"
                                          : "aws_access_key_id without aws_secret_access_key") +
            " in profile \"" + profile + "\"";
    return std::nullopt;
  }
  BaseCredentials found;
  found.keys = {id, secret, value_of(section, "aws_session_token")};
  found.source = where + " [" + profile + "]";
  found.profile = profile;
  return found;
}

}  // namespace

std::string shared_credentials_path(const CredentialQuery& query, const EnvLookup& env) {
  if (std::optional<std::string> path = env("AWS_SHARED_CREDENTIALS_FILE")) return *path;
  if (!query.fallback_credentials_file.empty()) return query.fallback_credentials_file;
  return home_directory(env) + "/.aws/credentials";
}

std::string shared_config_path(const CredentialQuery& query, const EnvLookup& env) {
  if (std::optional<std::string> path = env("AWS_CONFIG_FILE")) return *path;
  if (!query.fallback_config_file.empty()) return query.fallback_config_file;
  return home_directory(env) + "/.aws/config";
}

CredentialLookup find_base_credentials(const CredentialQuery& query, const EnvLookup& env) {
  CredentialLookup lookup;
  if (query.explicit_profile.empty()) {
    const std::optional<std::string> id = env("AWS_ACCESS_KEY_ID");
    const std::optional<std::string> secret = env("AWS_SECRET_ACCESS_KEY");
    if (id && secret) {
      BaseCredentials found;
      found.keys = {*id, *secret, env("AWS_SESSION_TOKEN").value_or(env("AWS_SECURITY_TOKEN").value_or(""))};
      found.source = "environment variables";
      found.from_environment = true;
      lookup.credentials = found;
      return lookup;
    }
    if (id || secret) {
      lookup.error = std::string("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together (only ") +
                     (id ? "AWS_ACCESS_KEY_ID" : "AWS_SECRET_ACCESS_KEY") + " is)";
      return lookup;
    }
  }
  std::string profile = query.explicit_profile;
  if (profile.empty()) profile = env("AWS_PROFILE").value_or(query.fallback_profile);
  if (profile.empty()) profile = "default";

  const std::string credentials_path = shared_credentials_path(query, env);
  const IniFileRead credentials_file = read_ini_file(credentials_path);
  if (!credentials_file.error.empty()) {
    lookup.error = credentials_file.error;
    return lookup;
  }
  std::string why_not;
  if (const IniSection* section = credentials_file.ini.find(profile)) {
    lookup.credentials = keys_from_section(*section, credentials_path, profile, why_not);
    if (lookup.credentials || !why_not.empty()) {
      lookup.error = why_not;
      return lookup;
    }
  }
  const std::string config_path = shared_config_path(query, env);
  const IniFileRead config_file = read_ini_file(config_path);
  if (!config_file.error.empty()) {
    lookup.error = config_file.error;
    return lookup;
  }
  const IniSection* section = config_file.ini.find("profile " + profile);
  if (!section && profile == "default") section = config_file.ini.find("default");
  if (section) {
    lookup.credentials = keys_from_section(*section, config_path, profile, why_not);
    if (lookup.credentials || !why_not.empty()) {
      lookup.error = why_not;
      return lookup;
    }
  }
  // --profile skips the environment keys, so only then are they left out of the sentence.
  lookup.error = "no AWS credentials found: " +
                 std::string(query.explicit_profile.empty() ? "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY are not set and " : "") +
                 "profile \"" + profile + "\" has no keys in " + credentials_path +
                 (credentials_file.exists ? "" : " (missing)") + " or " + config_path +
                 (config_file.exists ? "" : " (missing)");
  return lookup;
}

}  // namespace cdrun::aws
