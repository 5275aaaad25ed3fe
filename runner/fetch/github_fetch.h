// A GitHub bundle location downloaded into a local archive file, as codedeploy-local 1.8 does it
// (agent-behavior.md §3.2) but with cdrun's retries and messages: GET
// <api>/repos/<owner>/<repo>/<tarball|zipball>/<commit> with `Authorization: token <t>` when a token
// is given, following GitHub's redirect to codeload.github.com. No AWS credentials are involved.
// The token never appears in a message.
#pragma once

#include <optional>
#include <string>

#include "aws/core/environment.h"
#include "aws/http/http_redirects.h"
#include "aws/http/retry_schedule.h"
#include "runner/fetch/fetch_result.h"
#include "runner/fetch/github_location.h"

namespace cdrun {

inline constexpr const char* kGithubApiUrl = "https://api.github.com";

struct GithubFetchSettings {
  std::string api_base = kGithubApiUrl;  // CDRUN_GITHUB_API_URL replaces it (tests, GitHub Enterprise)
  std::string token;                     // "" = anonymous
  std::string user_agent;                // GitHub refuses requests without one: "cdrun/<version>"
  aws::EnvLookup env;                    // proxy and CA variables (SSL_CERT_FILE, ...)
  // 3 attempts, 1 s then 2 s: short, unlike 1.8's 10/30/90 s, because a person or a CI step waits
  // on the command and GitHub's transient errors pass in seconds; 4xx other than 429 are not retried.
  aws::http::RetrySchedule retry;
  aws::http::RedirectPolicy redirects;   // at most 5, https only
};

// CDRUN_GITHUB_API_URL when set and not empty, else https://api.github.com.
std::string github_api_base(const aws::EnvLookup& env);

// The token: `option` (--github-token), else GITHUB_TOKEN, else CODEDEPLOY_GITHUB_TOKEN (agent 2's
// variable); the first one set wins, and an empty value means no token.
std::string github_token(const std::optional<std::string>& option, const aws::EnvLookup& env);

// Downloads the archive of `location` of type github_bundle_type(type) into `destination`, which
// does not exist afterwards when this fails.
FetchResult fetch_github_bundle(const GithubLocation& location, const std::string& type,
                                const std::string& destination, const GithubFetchSettings& settings);

}  // namespace cdrun
