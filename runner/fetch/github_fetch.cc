#include "runner/fetch/github_fetch.h"

#include <unistd.h>

#include <vector>

#include "aws/core/aws_errors.h"

namespace cdrun {
namespace {

namespace http = aws::http;

// A bundle of several hundred MB over a slow link: the whole answer may take long, the connection not.
constexpr long kDownloadSeconds = 3600;

std::string reason_phrase(int status) {
  switch (status) {
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "HTTP " + std::to_string(status);
  }
}

bool transient_status(int status) { return status == 429 || status >= 500; }

// One attempt's end: the answer (any status) or the transport's failure.
struct Attempt {
  http::ExchangeResult exchange;
  bool short_body = false;  // a 2xx whose body ended before its Content-Length
};

bool succeeded(const Attempt& attempt) {
  return attempt.exchange.response && attempt.exchange.response->status / 100 == 2 && !attempt.short_body;
}

// "500 'Internal Server Error'" as 1.8 lists the codes it got, or what the transport said.
std::string attempt_summary(const Attempt& attempt) {
  if (!attempt.exchange.response) return attempt.exchange.failure.message;
  if (attempt.short_body) return "the answer ended before its Content-Length";
  const int status = attempt.exchange.response->status;
  return std::to_string(status) + " '" + reason_phrase(status) + "'";
}

// One sentence for the last attempt's failure: what GitHub said about the location and what to do.
FetchResult explain(const GithubLocation& location, const std::string& url, const Attempt& last,
                    const std::vector<std::string>& codes, const GithubFetchSettings& settings) {
  FetchResult result;
  const std::string where = "cannot download " + github_location_text(location) + ": ";
  const bool anonymous = settings.token.empty();
  if (!last.exchange.response) {
    result.error = where + "no answer from " + settings.api_base + " (" + last.exchange.failure.message +
                   "); check the network, and CDRUN_GITHUB_API_URL if you set one";
    return result;
  }
  const http::HttpResponse& answer = *last.exchange.response;
  if (answer.status == 404) {
    result.error = where + "GitHub has no repository " + location.owner + "/" + location.repository +
                   " with a commit " + location.commit + " (HTTP 404); check the owner, repository and commit" +
                   (anonymous ? ", and for a private repository set GITHUB_TOKEN or pass --github-token"
                              : ", and that the token given may read that repository");
  } else if (answer.status == 401) {
    result.error = where + "GitHub refused the token given (HTTP 401); give a valid token with --github-token, "
                   "GITHUB_TOKEN or CODEDEPLOY_GITHUB_TOKEN, or none for a public repository";
  } else if ((answer.status == 403 || answer.status == 429) && answer.header("x-ratelimit-remaining") == "0") {
    result.error = where + "GitHub's API rate limit is used up (HTTP " + std::to_string(answer.status) + ", " +
                   "x-ratelimit-remaining: 0); " +
                   (anonymous ? "set GITHUB_TOKEN or pass --github-token for a higher limit, or wait until it resets"
                              : "wait until it resets");
  } else if (answer.status == 403) {
    result.error = where + "GitHub denied access (HTTP 403); check that the token given may read the repository";
  } else if (transient_status(answer.status) || last.short_body) {
    std::string joined;
    for (const std::string& code : codes) joined += (joined.empty() ? "" : "; ") + code;
    result.error = "Could not download bundle at '" + url + "' after " + std::to_string(codes.size() - 1) +
                   " retries. Server returned codes: " + joined + ".";
    result.hint = "GitHub did not serve " + github_location_text(location) + "; try again later";
  } else {
    result.error = where + "GitHub answered HTTP " + std::to_string(answer.status) + "; check the location";
  }
  return result;
}

}  // namespace

std::string github_api_base(const aws::EnvLookup& env) {
  const std::optional<std::string> given = env("CDRUN_GITHUB_API_URL");
  return given && !given->empty() ? *given : kGithubApiUrl;
}

std::string github_token(const std::optional<std::string>& option, const aws::EnvLookup& env) {
  if (option) return *option;
  for (const char* name : {"GITHUB_TOKEN", "CODEDEPLOY_GITHUB_TOKEN"}) {
    if (const std::optional<std::string> value = env(name)) return *value;
  }
  return "";
}

FetchResult fetch_github_bundle(const GithubLocation& location, const std::string& type,
                                const std::string& destination, const GithubFetchSettings& settings) {
  const std::string url = github_archive_url(settings.api_base, location, type);
  http::HttpRequest request;
  request.method = "GET";
  request.url = url;
  if (const std::optional<http::Url> parsed = http::parse_url(url)) {
    request.headers.emplace_back("Host", http::host_header(*parsed));
  }
  request.headers.emplace_back("User-Agent", settings.user_agent);
  request.headers.emplace_back("Accept", "*/*");
  if (!settings.token.empty()) request.headers.emplace_back("Authorization", "token " + settings.token);
  request.response_body_file = destination;
  request.total_timeout_seconds = kDownloadSeconds;
  request.env = settings.env;

  Attempt last;
  std::vector<std::string> codes;
  http::run_with_retries(settings.retry, [&](int) {
    last = Attempt{http::exchange_following_redirects(request, settings.redirects), false};
    if (last.exchange.response && last.exchange.response->status / 100 == 2) {
      const std::string length = last.exchange.response->header("Content-Length");
      last.short_body = !length.empty() && length.find_first_not_of("0123456789") == std::string::npos &&
                        std::stoull(length) != last.exchange.response->body_file_bytes;
    }
    if (succeeded(last)) return http::AttemptOutcome::kDone;
    ::unlink(destination.c_str());  // a partial archive never survives
    codes.push_back(attempt_summary(last));
    const bool again = last.exchange.response ? transient_status(last.exchange.response->status) || last.short_body
                                              : http::transport_transient(last.exchange.failure.error);
    return again ? http::AttemptOutcome::kTransient : http::AttemptOutcome::kDone;
  });
  if (!succeeded(last)) {
    FetchResult failed = explain(location, url, last, codes, settings);
    if (!settings.token.empty()) {
      failed.error = aws::redact(failed.error, {settings.token});
      failed.hint = aws::redact(failed.hint, {settings.token});
    }
    return failed;
  }
  FetchResult result;
  result.bundle = FetchedBundle{destination, last.exchange.response->body_file_bytes, "", ""};
  return result;
}

}  // namespace cdrun
