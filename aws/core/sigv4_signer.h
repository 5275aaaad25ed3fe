// AWS Signature Version 4 for one HTTP request, computed by cdrun itself (the static release build has
// no libcurl). Pure functions of their inputs: the clock and the credentials come in as values, so the
// steps can be checked one by one against AWS's published SigV4 test-suite vectors.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace cdrun::aws {

// The parts of a request that SigV4 covers. `path` is the raw path ("/", "/a b"); `query` is the raw
// query string without '?' ("" when none). Header names keep their case here; signing lowercases them.
struct RequestToSign {
  std::string method;
  std::string path;
  std::string query;
  std::vector<std::pair<std::string, std::string>> headers;  // must include Host and X-Amz-Date
  std::string body;
};

struct SigningKeyParts {
  std::string access_key_id;
  std::string secret_access_key;
  std::string region;
  std::string service;
  std::string amz_date;  // "20150830T123600Z": the same value as the X-Amz-Date header
};

// Step 1: the canonical request (method, canonical URI, canonical query, canonical headers, signed
// header list, hex SHA-256 of the body), lines joined by '\n'. With `s3` (chosen by authorization_header
// when the service is "s3"), S3's rules: the path is signed as sent (already percent-encoded and not
// normalised: "a//b" and ".." are parts of a key), and the payload hash is the value of the
// x-amz-content-sha256 header when the request has one ("UNSIGNED-PAYLOAD" or a hex digest).
std::string canonical_request(const RequestToSign& request, bool s3 = false);

// The SignedHeaders list of a request: its header names lowercased, sorted, each once, joined by ';'.
std::string signed_headers(const RequestToSign& request);

// Step 2: "AWS4-HMAC-SHA256\n<amz_date>\n<date>/<region>/<service>/aws4_request\n<hex sha256(canonical)>".
std::string string_to_sign(const std::string& canonical, const SigningKeyParts& key);

// Step 3 and 4: the value of the Authorization header:
// "AWS4-HMAC-SHA256 Credential=AKID/<date>/<region>/<service>/aws4_request, SignedHeaders=a;b, Signature=hex".
std::string authorization_header(const RequestToSign& request, const SigningKeyParts& key);

// Lowercase hex SHA-256 of `data` (also used for x-amz-content-sha256 where a service wants it).
std::string sha256_hex(const std::string& data);

// RFC 3986 percent-encoding of everything but unreserved characters, as SigV4 and form bodies need.
std::string percent_encode(const std::string& value);

// %XX sequences decoded; a '%' not followed by two hex digits stays a literal '%'.
std::string percent_decode(const std::string& value);

}  // namespace cdrun::aws
