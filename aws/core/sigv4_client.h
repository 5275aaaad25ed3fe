// One HTTPS POST signed with AWS Signature Version 4 (aws/core/sigv4_signer.h) and carried by
// aws/http, the answer captured whole. TLS verification stays on; AWS_CA_BUNDLE-style CA files are
// passed in `ca_bundle`. Proxies come from the usual environment variables (https_proxy, no_proxy).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "aws/core/aws_errors.h"
#include "aws/core/sigv4_signer.h"

namespace cdrun::aws {

struct SigV4Credentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;  // empty for long-lived keys; sent as X-Amz-Security-Token (and signed)
};

// Where a call goes: endpoint URL, signing region and the CA file to trust ("" = SSL_CERT_FILE, else
// the system bundle).
struct ServiceTarget {
  std::string endpoint;
  std::string region;
  std::string ca_bundle;
};

struct SignedPost {
  std::string service;               // SigV4 service name: "sts", "codedeploy"
  std::vector<std::string> headers;  // "Name: value"
  std::string body;
  long connect_timeout_seconds = 10;
  long total_timeout_seconds = 30;
};

// Any method and path, for the REST services (S3). `path` and `query` are appended to the endpoint's
// own and must already be percent-encoded as they go on the wire (S3 keys: `s3_object_path`).
struct SignedRequest {
  std::string method = "GET";
  std::string service;               // SigV4 service name; "s3" signs as S3 does (sigv4_signer.h) and sends x-amz-content-sha256
  std::string path;                  // "/bucket/key"
  std::string query;                 // "versionId=..." without '?'
  std::vector<std::string> headers;  // "Name: value"
  std::string body;
  std::string response_body_file;  // a 2xx answer's body goes there (aws/http's HttpRequest)
  long connect_timeout_seconds = 10;
  long total_timeout_seconds = 30;
};

struct HttpAnswer {
  long status = 0;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  std::uint64_t body_file_bytes = 0;
  std::string header(const std::string& name) const;  // first of that name, without case; "" when absent
};

// Called with the Authorization header line the request carried ("Authorization: AWS4-HMAC-SHA256
// Credential=AKID/DATE/REGION/SERVICE/aws4_request, ..."): lets tests check the credential scope,
// which AWS-compatible test servers do not. Holds the key id and a signature, never a secret.
using AuthorizationHook = std::function<void(const std::string&)>;

// Any HTTP answer, error statuses included, is a value; only "no answer" is a failure (kNetwork).
AwsResult<HttpAnswer> send_signed(const ServiceTarget& target, const SignedRequest& request,
                                  const SigV4Credentials& credentials, const AuthorizationHook& hook = {});

// A POST to the endpoint itself (the JSON and query protocols): send_signed with its fields.
AwsResult<HttpAnswer> post_signed(const ServiceTarget& target, const SignedPost& request,
                                  const SigV4Credentials& credentials, const AuthorizationHook& hook = {});

}  // namespace cdrun::aws
