#include "aws/onprem/onprem_session.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "aws/core/atomic_file.h"
#include "aws/core/aws_errors.h"
#include "aws/onprem/onprem_config.h"

namespace cdrun::aws {

SessionState state_after_renewal(const SessionState& settings, const AssumedRole& role, std::time_t now) {
  SessionState state = settings;
  state.session_arn = role.arn;
  state.access_key_id_masked = mask_access_key(role.credentials.access_key_id);
  state.issued_at = now;
  state.expiration = role.credentials.expiration_time;
  return state;
}

std::string install_session(const SessionState& state, const SessionCredentials& credentials,
                            const std::string& state_file, bool write_onpremises_config) {
  std::string error =
      write_file_atomically(state.credentials_file, render_credentials_file(credentials), kCredentialsFileMode);
  if (!error.empty()) return error;
  if (write_onpremises_config) {
    error = write_file_atomically(
        state.onpremises_config, render_onpremises_yml(state.session_arn, state.credentials_file, state.region),
        kPublicConfigMode);
    if (!error.empty()) return error;
  }
  return write_file_atomically(state_file, render_session_state(state), kPublicConfigMode);
}

TextRead read_text_file(const std::string& path) {
  TextRead read;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (errno != ENOENT) {
      read.exists = true;
      read.error = "cannot read " + path + ": " + std::strerror(errno);
    }
    return read;
  }
  read.exists = true;
  std::ostringstream text;
  text << in.rdbuf();
  read.text = text.str();
  return read;
}

}  // namespace cdrun::aws
