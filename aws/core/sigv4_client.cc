#include "aws/core/sigv4_client.h"

#include <algorithm>
#include <cctype>
#include <ctime>

#include "aws/core/environment.h"
#include "aws/http/http_exchange.h"

namespace cdrun::aws {
namespace {

// "20150830T123600Z": the X-Amz-Date form of now.
std::string amz_date_now() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[17] = {0};
  std::strftime(text, sizeof text, "%Y%m%dT%H%M%SZ", &utc);
  return text;
}

// "Name: value" -> {"Name", "value"}, the value without the blanks around it.
std::pair<std::string, std::string> split_header(const std::string& line) {
  const size_t colon = line.find(':');
  if (colon == std::string::npos) return {line, ""};
  const size_t first = line.find_first_not_of(" \t", colon + 1);
  const size_t last = line.find_last_not_of(" \t");
  return {line.substr(0, colon), first == std::string::npos ? "" : line.substr(first, last - first + 1)};
}

AwsFailure network_failure(const http::TransportFailure& transport) {
  AwsFailure failure;
  failure.kind = FailureKind::kNetwork;
  failure.transport = transport.error;
  failure.message = transport.message;
  return failure;
}

}  // namespace

AwsResult<HttpAnswer> send_signed(const ServiceTarget& target, const SignedRequest& request,
                                  const SigV4Credentials& credentials, const AuthorizationHook& hook) {
  const std::optional<http::Url> url = http::parse_url(target.endpoint);
  if (!url)
    return AwsResult<HttpAnswer>::fail(network_failure(
        {http::TransportError::kBadUrl, target.endpoint + " is not an http:// or https:// URL with a host"}));
  RequestToSign to_sign;
  to_sign.method = request.method;
  const size_t question = url->target.find('?');
  std::string base_path = url->target.substr(0, question);
  if (!request.path.empty() && !base_path.empty() && base_path.back() == '/') base_path.pop_back();
  to_sign.path = base_path + request.path;
  to_sign.query = question == std::string::npos ? "" : url->target.substr(question + 1);
  if (!request.query.empty()) to_sign.query += (to_sign.query.empty() ? "" : "&") + request.query;
  const std::string amz_date = amz_date_now();
  to_sign.headers = {{"Host", http::host_header(*url)}, {"X-Amz-Date", amz_date}};
  if (request.service == "s3") to_sign.headers.emplace_back("x-amz-content-sha256", sha256_hex(request.body));
  for (const std::string& header : request.headers) to_sign.headers.push_back(split_header(header));
  if (!credentials.session_token.empty()) to_sign.headers.emplace_back("X-Amz-Security-Token", credentials.session_token);
  to_sign.body = request.body;
  const SigningKeyParts key{credentials.access_key_id, credentials.secret_access_key, target.region, request.service,
                            amz_date};
  const std::string authorization = authorization_header(to_sign, key);
  if (hook) hook("Authorization: " + authorization);

  http::HttpRequest exchange_request;
  exchange_request.method = request.method;
  exchange_request.url = url->scheme + "://" + http::authority(*url) + to_sign.path +
                         (to_sign.query.empty() ? "" : "?" + to_sign.query);
  exchange_request.headers = to_sign.headers;
  exchange_request.headers.emplace_back("Authorization", authorization);
  exchange_request.body = request.body;
  exchange_request.ca_file = target.ca_bundle;
  exchange_request.connect_timeout_seconds = request.connect_timeout_seconds;
  exchange_request.total_timeout_seconds = request.total_timeout_seconds;
  exchange_request.env = process_environment();
  exchange_request.response_body_file = request.response_body_file;
  http::ExchangeResult result = http::exchange(exchange_request);
  if (!result.response) return AwsResult<HttpAnswer>::fail(network_failure(result.failure));
  http::HttpResponse& response = *result.response;
  return AwsResult<HttpAnswer>::success(
      HttpAnswer{response.status, std::move(response.body), std::move(response.headers), response.body_file_bytes});
}

AwsResult<HttpAnswer> post_signed(const ServiceTarget& target, const SignedPost& request,
                                  const SigV4Credentials& credentials, const AuthorizationHook& hook) {
  SignedRequest general;
  general.method = "POST";
  general.service = request.service;
  general.headers = request.headers;
  general.body = request.body;
  general.connect_timeout_seconds = request.connect_timeout_seconds;
  general.total_timeout_seconds = request.total_timeout_seconds;
  return send_signed(target, general, credentials, hook);
}

std::string HttpAnswer::header(const std::string& name) const {
  for (const auto& [field, value] : headers)
    if (field.size() == name.size() &&
        std::equal(field.begin(), field.end(), name.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
        }))
      return value;
  return "";
}

}  // namespace cdrun::aws
