// sts:AssumeRole over the Query API (form POST, Version 2011-06-15) and its XML answer.
#pragma once

#include <ctime>
#include <string>

#include "aws/core/aws_errors.h"
#include "aws/core/sigv4_client.h"

namespace cdrun::aws {

struct AssumeRoleRequest {
  std::string role_arn;
  std::string session_name;
  int duration_seconds = 3600;
};

struct SessionCredentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;
  std::string expiration;  // as STS wrote it
  std::time_t expiration_time = 0;
};

struct AssumedRole {
  SessionCredentials credentials;
  std::string arn;      // arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION: what the instance registers with
  std::string role_id;  // AROA...:SESSION
};

// "Action=AssumeRole&Version=2011-06-15&RoleArn=...&..." with every value percent-encoded.
std::string assume_role_form(const AssumeRoleRequest& request);

// Reads a 200 AssumeRoleResponse or an ErrorResponse (any status) into a value or a failure.
AwsResult<AssumedRole> parse_assume_role_answer(long http_status, const std::string& body);

// The call itself, signed with `base` (service "sts", the target's region).
AwsResult<AssumedRole> assume_role(const ServiceTarget& target, const AssumeRoleRequest& request,
                                   const SigV4Credentials& base, const AuthorizationHook& hook = {});

// An ErrorResponse (Query/XML protocols): Code, Message, RequestId. Fills a kResponse failure when
// the body is not one.
AwsFailure parse_xml_error(long http_status, const std::string& body);

}  // namespace cdrun::aws
