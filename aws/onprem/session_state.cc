#include "aws/onprem/session_state.h"

#include <nlohmann/json.hpp>

#include "aws/core/utc_time.h"

namespace cdrun::aws {

std::string render_session_state(const SessionState& s) {
  nlohmann::ordered_json j;
  j["format"] = 1;
  j["role_arn"] = s.role_arn;
  j["session_name"] = s.session_name;
  j["region"] = s.region;
  j["duration_seconds"] = s.duration_seconds;
  j["sts_endpoint"] = s.sts_endpoint;
  j["profile"] = s.profile;
  j["profile_explicit"] = s.profile_explicit;
  j["base_credentials_file"] = s.base_credentials_file;
  j["base_config_file"] = s.base_config_file;
  j["ca_bundle"] = s.ca_bundle;
  j["credentials_file"] = s.credentials_file;
  j["onpremises_config"] = s.onpremises_config;
  j["session_arn"] = s.session_arn;
  j["access_key_id"] = s.access_key_id_masked;
  j["issued_at"] = format_utc_timestamp(s.issued_at);
  j["expiration"] = format_utc_timestamp(s.expiration);
  return j.dump(2) + "\n";
}

StateParse parse_session_state(const std::string& text) {
  StateParse parse;
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    parse.error = "not a JSON object";
    return parse;
  }
  SessionState s;
  std::string issued, expiration;
  auto text_field = [&](const char* name, std::string& into, bool required) {
    auto it = j.find(name);
    if (it == j.end() || it->is_null()) {
      if (required && parse.error.empty()) parse.error = std::string("\"") + name + "\" is missing";
      return;
    }
    if (!it->is_string()) {
      if (parse.error.empty()) parse.error = std::string("\"") + name + "\" is not a string";
      return;
    }
    into = it->get<std::string>();
    if (required && into.empty() && parse.error.empty()) parse.error = std::string("\"") + name + "\" is empty";
  };
  text_field("role_arn", s.role_arn, true);
  text_field("session_name", s.session_name, true);
  text_field("region", s.region, true);
  text_field("credentials_file", s.credentials_file, true);
  text_field("onpremises_config", s.onpremises_config, false);
  text_field("sts_endpoint", s.sts_endpoint, false);
  text_field("profile", s.profile, false);
  text_field("base_credentials_file", s.base_credentials_file, false);
  text_field("base_config_file", s.base_config_file, false);
  text_field("ca_bundle", s.ca_bundle, false);
  text_field("session_arn", s.session_arn, false);
  text_field("access_key_id", s.access_key_id_masked, false);
  text_field("issued_at", issued, true);
  text_field("expiration", expiration, true);
  if (auto it = j.find("duration_seconds"); it != j.end() && it->is_number_integer()) {
    s.duration_seconds = it->get<int>();
  } else if (parse.error.empty()) {
    parse.error = "\"duration_seconds\" is missing or not an integer";
  }
  if (auto it = j.find("profile_explicit"); it != j.end() && it->is_boolean()) s.profile_explicit = it->get<bool>();
  if (!parse.error.empty()) return parse;
  const std::optional<std::time_t> issued_time = parse_utc_timestamp(issued);
  const std::optional<std::time_t> expiration_time = parse_utc_timestamp(expiration);
  if (!issued_time || !expiration_time) {
    parse.error = "\"issued_at\" or \"expiration\" is not a timestamp";
    return parse;
  }
  s.issued_at = *issued_time;
  s.expiration = *expiration_time;
  parse.state = s;
  return parse;
}

}  // namespace cdrun::aws
