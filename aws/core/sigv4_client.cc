#include "aws/core/sigv4_client.h"

#include <curl/curl.h>

#include <memory>
#include <mutex>

namespace cdrun::aws {
namespace {

size_t collect_body(char* data, size_t size, size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

// Picks the Authorization line out of the outgoing header block for the hook.
int watch_headers(CURL*, curl_infotype type, char* data, size_t size, void* user) {
  if (type != CURLINFO_HEADER_OUT) return 0;
  const std::string block(data, size);
  size_t start = 0;
  while (start < block.size()) {
    size_t end = block.find("\r\n", start);
    if (end == std::string::npos) end = block.size();
    const std::string line = block.substr(start, end - start);
    if (line.size() > 14 && curl_strnequal(line.c_str(), "Authorization:", 14))
      (*static_cast<const AuthorizationHook*>(user))(line);
    start = end + 2;
  }
  return 0;
}

struct CurlDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct HeaderListDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

}  // namespace

AwsResult<HttpAnswer> post_signed(const ServiceTarget& target, const SignedPost& request,
                                  const SigV4Credentials& credentials, const AuthorizationHook& hook) {
  static std::once_flag global_init;
  std::call_once(global_init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  AwsFailure failure;
  failure.kind = FailureKind::kNetwork;
  if (!curl) {
    failure.message = "libcurl could not start a request";
    return AwsResult<HttpAnswer>::fail(failure);
  }
  // Every header in this list is signed by curl 7.88, even a removal such as "Expect:", which the
  // server then cannot reproduce: only real headers go here.
  curl_slist* raw_headers = nullptr;
  for (const std::string& header : request.headers) raw_headers = curl_slist_append(raw_headers, header.c_str());
  if (!credentials.session_token.empty())
    raw_headers = curl_slist_append(raw_headers, ("X-Amz-Security-Token: " + credentials.session_token).c_str());
  std::unique_ptr<curl_slist, HeaderListDeleter> headers(raw_headers);
  const std::string sigv4 = "aws:amz:" + target.region + ":" + request.service;
  HttpAnswer answer;
  CURL* h = curl.get();
  curl_easy_setopt(h, CURLOPT_URL, target.endpoint.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!target.ca_bundle.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, target.ca_bundle.c_str());
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, request.connect_timeout_seconds);
  curl_easy_setopt(h, CURLOPT_TIMEOUT, request.total_timeout_seconds);
  curl_easy_setopt(h, CURLOPT_AWS_SIGV4, sigv4.c_str());
  // Separate user and password options: no "id:secret" string to split or leak.
  curl_easy_setopt(h, CURLOPT_USERNAME, credentials.access_key_id.c_str());
  curl_easy_setopt(h, CURLOPT_PASSWORD, credentials.secret_access_key.c_str());
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.c_str());
  curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, collect_body);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &answer.body);
  if (hook) {
    curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, watch_headers);
    curl_easy_setopt(h, CURLOPT_DEBUGDATA, &hook);
    curl_easy_setopt(h, CURLOPT_VERBOSE, 1L);
  }
  char error_buffer[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error_buffer);
  const CURLcode code = curl_easy_perform(h);
  if (code != CURLE_OK) {
    failure.curl_code = code;
    failure.message = error_buffer[0] ? error_buffer : curl_easy_strerror(code);
    return AwsResult<HttpAnswer>::fail(failure);
  }
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &answer.status);
  return AwsResult<HttpAnswer>::success(std::move(answer));
}

}  // namespace cdrun::aws
