// A tiny blocking HTTP/1.1 client for the sample app tests: one request per connection, bounded
// by socket timeouts, no cookies (the app's anti-forgery tokens do not use any).
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace cdrun::sample_app_test {

struct HttpResponse {
  int status = 0;                              // 0 when no response came (see error)
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  std::string error;

  std::string header(const std::string& lower_case_name) const;
};

using FormPairs = std::vector<std::pair<std::string, std::string>>;

HttpResponse http_request(int port, const std::string& method, const std::string& target,
                          const std::string& body = "", const std::string& content_type = "");
HttpResponse http_get(int port, const std::string& target);
HttpResponse http_post_form(int port, const std::string& target, const FormPairs& fields);
std::string form_encode(const FormPairs& fields);

// The value of the first hidden csrf_token field in a page, "" when there is none.
std::string csrf_token_in(const std::string& html);

// A connected TCP socket to 127.0.0.1:port (timeouts set), or -1.
int connect_loopback(int port);
// True when something accepts connections on 127.0.0.1:port.
bool port_accepts(int port);
// A port that was free a moment ago (bind to port 0, read it, close). Callers retry on a clash.
int free_loopback_port();

}  // namespace cdrun::sample_app_test
