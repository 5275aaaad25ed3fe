#include "aws/core/sigv4_client.h"

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

AwsResult<HttpAnswer> post_signed(const ServiceTarget& target, const SignedPost& request,
                                  const SigV4Credentials& credentials, const AuthorizationHook& hook) {
  const std::optional<http::Url> url = http::parse_url(target.endpoint);
  if (!url)
    return AwsResult<HttpAnswer>::fail(network_failure(
        {http::TransportError::kBadUrl, target.endpoint + " is not an http:// or https:// URL with a host"}));
  RequestToSign to_sign;
  to_sign.method = "POST";
  const size_t question = url->target.find('?');
  to_sign.path = url->target.substr(0, question);
  if (question != std::string::npos) to_sign.query = url->target.substr(question + 1);
  const std::string amz_date = amz_date_now();
  to_sign.headers = {{"Host", http::host_header(*url)}, {"X-Amz-Date", amz_date}};
  for (const std::string& header : request.headers) to_sign.headers.push_back(split_header(header));
  if (!credentials.session_token.empty()) to_sign.headers.emplace_back("X-Amz-Security-Token", credentials.session_token);
  to_sign.body = request.body;
  const SigningKeyParts key{credentials.access_key_id, credentials.secret_access_key, target.region, request.service,
                            amz_date};
  const std::string authorization = authorization_header(to_sign, key);
  if (hook) hook("Authorization: " + authorization);

  http::HttpRequest exchange_request;
  exchange_request.url = target.endpoint;
  exchange_request.headers = to_sign.headers;
  exchange_request.headers.emplace_back("Authorization", authorization);
  exchange_request.body = request.body;
  exchange_request.ca_file = target.ca_bundle;
  exchange_request.connect_timeout_seconds = request.connect_timeout_seconds;
  exchange_request.total_timeout_seconds = request.total_timeout_seconds;
  exchange_request.env = process_environment();
  http::ExchangeResult result = http::exchange(exchange_request);
  if (!result.response) return AwsResult<HttpAnswer>::fail(network_failure(result.failure));
  return AwsResult<HttpAnswer>::success(HttpAnswer{result.response->status, std::move(result.response->body)});
}

}  // namespace cdrun::aws
