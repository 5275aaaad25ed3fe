// What `cdrun onprem renew` needs to repeat the AssumeRole that `configure` did, kept next to the
// agent's configuration. Holds no secret: the base credentials stay where the AWS CLI keeps them
// (environment, shared credentials file), the session credentials only in the credentials file.
#pragma once

#include <ctime>
#include <optional>
#include <string>

namespace cdrun::aws {

inline constexpr const char* kSessionStateName = "cdrun-onprem.json";

struct SessionState {
  std::string role_arn;
  std::string session_name;
  std::string region;
  int duration_seconds = 3600;
  std::string sts_endpoint;           // "" = resolve at renew time (env, then regional default)
  std::string profile;                // base-credentials profile ("" = AWS_PROFILE / default)
  bool profile_explicit = false;      // given as --profile: environment keys are then not used
  std::string base_credentials_file;  // AWS_SHARED_CREDENTIALS_FILE at configure time ("" = not set)
  std::string base_config_file;       // AWS_CONFIG_FILE at configure time ("" = not set)
  std::string ca_bundle;              // AWS_CA_BUNDLE at configure time ("" = not set)
  std::string credentials_file;       // absolute path of the session credentials file
  std::string onpremises_config;      // absolute path of codedeploy.onpremises.yml
  std::string session_arn;            // arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION
  std::string access_key_id_masked;   // "ASIA****WXYZ": which session key is current, for people
  std::time_t issued_at = 0;          // local clock when the credentials were received
  std::time_t expiration = 0;         // from STS
};

std::string render_session_state(const SessionState& state);

struct StateParse {
  std::optional<SessionState> state;
  std::string error;
};

StateParse parse_session_state(const std::string& text);

}  // namespace cdrun::aws
