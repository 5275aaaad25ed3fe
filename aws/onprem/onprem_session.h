// Putting a new STS session in place on the host: the credentials file the agent reads, its
// codedeploy.onpremises.yml and cdrun's renewal state, each replaced atomically.
#pragma once

#include <ctime>
#include <string>

#include "aws/onprem/session_state.h"
#include "aws/core/sts_assume_role.h"

namespace cdrun::aws {

inline constexpr mode_t kCredentialsFileMode = 0600;  // secrets: owner only, whatever the umask
inline constexpr mode_t kPublicConfigMode = 0644;     // no secrets: the yml and the state file

// `settings` with the session's ARN, masked key, issue time and expiration filled in.
SessionState state_after_renewal(const SessionState& settings, const AssumedRole& role, std::time_t now);

// Writes the credentials file, then (when `write_onpremises_config`) the yml, then the state file.
// Returns "" or the first error; what was written before it stays (each file is whole either way).
std::string install_session(const SessionState& state, const SessionCredentials& credentials,
                            const std::string& state_file, bool write_onpremises_config);

struct TextRead {
  bool exists = false;
  std::string text;
  std::string error;  // set when the file exists but cannot be read
};

TextRead read_text_file(const std::string& path);

}  // namespace cdrun::aws
