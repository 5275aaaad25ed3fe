// The credentials cdrun signs AssumeRole with, looked up where the AWS CLI looks, in its order:
//   1. AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (/ AWS_SESSION_TOKEN) — skipped when a profile is
//      given explicitly (--profile), as the CLI does;
//   2. the shared credentials file (AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials), [PROFILE];
//   3. the config file (AWS_CONFIG_FILE, else ~/.aws/config), [profile PROFILE] ([default] for default),
//      static keys only.
// PROFILE is --profile, else AWS_PROFILE, else "default". Profiles that need another mechanism
// (role_arn, sso_*, credential_process, web identity) are reported, not followed.
#pragma once

#include <optional>
#include <string>

#include "aws/core/environment.h"
#include "aws/core/sigv4_client.h"

namespace cdrun::aws {

struct CredentialQuery {
  std::string explicit_profile;        // --profile ("" = none)
  std::string fallback_profile;        // used when neither --profile nor AWS_PROFILE is set ("" = default)
  std::string fallback_credentials_file;  // used when AWS_SHARED_CREDENTIALS_FILE is unset ("" = ~/.aws/credentials)
  std::string fallback_config_file;       // used when AWS_CONFIG_FILE is unset ("" = ~/.aws/config)
};

struct BaseCredentials {
  SigV4Credentials keys;
  std::string source;       // "environment variables", "/root/.aws/credentials [default]"
  std::string profile;      // the profile used ("" for the environment)
  bool from_environment = false;
};

struct CredentialLookup {
  std::optional<BaseCredentials> credentials;
  std::string error;  // why none could be used: what was looked at, what to do
};

CredentialLookup find_base_credentials(const CredentialQuery& query, const EnvLookup& env);

// The files the chain reads under `env` (for messages and for recording them at configure time).
std::string shared_credentials_path(const CredentialQuery& query, const EnvLookup& env);
std::string shared_config_path(const CredentialQuery& query, const EnvLookup& env);

}  // namespace cdrun::aws
