// One HTTP/1.1 request and its whole answer, over TCP or TLS, directly or through the proxy the
// environment names. No redirects are followed; TLS verification is always on.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "aws/http/http_url.h"
#include "aws/http/transport_failure.h"

namespace cdrun::aws::http {

struct HttpRequest {
  std::string method = "POST";
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;  // sent as given (Host included); Content-Length is added
  std::string body;
  std::string ca_file;  // trusted instead of SSL_CERT_FILE and the system bundle when set
  long connect_timeout_seconds = 10;
  long total_timeout_seconds = 30;
  EnvLookup env;  // proxy and CA variables are read from here
  // When set, the body of a 2xx answer is written to this file (created or truncated, mode 0600)
  // instead of `HttpResponse::body`, however large: bundles are downloaded this way. Other answers
  // (error documents) stay in memory.
  std::string response_body_file;
};

struct HttpResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // as received, in order
  std::string body;
  std::uint64_t body_file_bytes = 0;  // bytes written to HttpRequest::response_body_file

  // The first header of that name, compared without case; "" when absent.
  std::string header(const std::string& name) const;
};

struct ExchangeResult {
  std::optional<HttpResponse> response;  // any status, error statuses included
  TransportFailure failure;              // set when there is no response
};

ExchangeResult exchange(const HttpRequest& request);

}  // namespace cdrun::aws::http
