// The GitHub download's retries, messages and its promise that a failed download leaves no file,
// with a fake transport (no network: GitHub cannot be reached from the tests) and a sleeper that
// only records, so no test waits. Statuses as GitHub's REST API documents them (404 for a missing or
// private repository, 401 Bad credentials, 403 with x-ratelimit-remaining: 0); the sentences are
// written by hand from what each must say; the schedule (3 attempts, 1 s then 2 s) is cdrun's.
#include <sys/stat.h>

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "runner/fetch/github_fetch.h"

namespace cdrun {
namespace {

namespace http = aws::http;

constexpr const char* kToken = "ghp_s3cr3tT0kenValue";

struct FakeAnswer {
  FakeAnswer(int s, std::string b = "", std::vector<std::pair<std::string, std::string>> h = {})
      : status(s), body(std::move(b)), headers(std::move(h)) {}
  int status;        // 0 = no answer (the connection broke)
  std::string body;  // written to the destination for a 2xx
  std::vector<std::pair<std::string, std::string>> headers;
};

class GithubFetch : public ::testing::Test {
 protected:
  GithubFetchSettings settings() {
    GithubFetchSettings s;
    s.api_base = "https://api.github.test";
    s.user_agent = "cdrun/test";
    s.retry.sleep = [this](int seconds) { sleeps.push_back(seconds); };
    s.redirects.send = [this](const http::HttpRequest& request) {
      requests.push_back(request);
      const FakeAnswer answer = answers.at(requests.size() - 1);
      http::ExchangeResult result;
      if (answer.status == 0) {
        std::ofstream(request.response_body_file, std::ios::binary) << "partial";
        result.failure = {http::TransportError::kIo, "connection reset by 127.0.0.1:443"};
        return result;
      }
      http::HttpResponse response;
      response.status = answer.status;
      response.headers = answer.headers;
      if (answer.status / 100 == 2) {
        std::ofstream(request.response_body_file, std::ios::binary) << answer.body;
        response.body_file_bytes = answer.body.size();
      }
      result.response = response;
      return result;
    };
    return s;
  }

  FetchResult fetch(const GithubFetchSettings& s, const std::string& type = "zip") {
    return fetch_github_bundle({"acme", "web-app", "HEAD"}, type, destination, s);
  }

  bool destination_exists() const {
    struct stat st {};
    return ::stat(destination.c_str(), &st) == 0;
  }

  std::string header(size_t request, const std::string& name) const {
    for (const auto& [key, value] : requests.at(request).headers)
      if (key == name) return value;
    return "<absent>";
  }

  std::string destination = ::testing::TempDir() + "/github-fetch-bundle";
  std::vector<FakeAnswer> answers;
  std::vector<http::HttpRequest> requests;
  std::vector<int> sleeps;
};

TEST_F(GithubFetch, AsksForTheArchiveOfTheTypeWithUserAgentAndToken) {
  answers = {{200, "PK archive"}};
  GithubFetchSettings s = settings();
  s.token = kToken;
  const FetchResult result = fetch(s, "tar");
  ASSERT_TRUE(result.bundle) << result.error;
  EXPECT_EQ(result.bundle->size, 10u);
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].url, "https://api.github.test/repos/acme/web-app/tarball/HEAD");
  EXPECT_EQ(requests[0].method, "GET");
  EXPECT_EQ(header(0, "User-Agent"), "cdrun/test");
  EXPECT_EQ(header(0, "Authorization"), std::string("token ") + kToken);
  EXPECT_EQ(header(0, "Host"), "api.github.test");
}

TEST_F(GithubFetch, WithoutATokenNoAuthorizationIsSent) {
  answers = {{200, "PK"}};
  ASSERT_TRUE(fetch(settings()).bundle);
  EXPECT_EQ(header(0, "Authorization"), "<absent>");
  EXPECT_EQ(requests[0].url, "https://api.github.test/repos/acme/web-app/zipball/HEAD");
}

TEST_F(GithubFetch, AServerErrorOnceIsRetriedAfterOneSecond) {
  answers = {{500}, {200, "PK"}};
  const FetchResult result = fetch(settings());
  ASSERT_TRUE(result.bundle) << result.error;
  EXPECT_EQ(requests.size(), 2u);
  EXPECT_EQ(sleeps, std::vector<int>{1});
}

TEST_F(GithubFetch, ABrokenConnectionIsRetriedAndItsPartialFileRemoved) {
  answers = {{0}, {0}, {0}};
  const FetchResult result = fetch(settings());
  EXPECT_FALSE(result.bundle);
  EXPECT_EQ(sleeps, (std::vector<int>{1, 2}));
  EXPECT_FALSE(destination_exists());
  EXPECT_EQ(result.error,
            "cannot download github.com/acme/web-app at HEAD: no answer from https://api.github.test (connection reset "
            "by 127.0.0.1:443); check the network, and CDRUN_GITHUB_API_URL if you set one");
}

TEST_F(GithubFetch, ServerErrorsEveryTimeGiveTheAgentsSentenceWithEveryCode) {
  answers = {{502}, {503}, {429}};
  const FetchResult result = fetch(settings());
  EXPECT_FALSE(result.bundle);
  EXPECT_EQ(sleeps, (std::vector<int>{1, 2}));
  EXPECT_EQ(result.error,
            "Could not download bundle at 'https://api.github.test/repos/acme/web-app/zipball/HEAD' after 2 retries. "
            "Server returned codes: 502 'Bad Gateway'; 503 'Service Unavailable'; 429 'Too Many Requests'.");
  EXPECT_EQ(result.hint, "GitHub did not serve github.com/acme/web-app at HEAD; try again later");
}

TEST_F(GithubFetch, NotFoundIsNotRetriedAndSuggestsATokenWhenThereIsNone) {
  answers = {{404}};
  const FetchResult result = fetch(settings());
  EXPECT_TRUE(sleeps.empty());
  EXPECT_EQ(requests.size(), 1u);
  EXPECT_EQ(result.error,
            "cannot download github.com/acme/web-app at HEAD: GitHub has no repository acme/web-app with a commit HEAD "
            "(HTTP 404); check the owner, repository and commit, and for a private repository set GITHUB_TOKEN or "
            "pass --github-token");
}

TEST_F(GithubFetch, ABadTokenIsNamedButNeverShown) {
  answers = {{401}};
  GithubFetchSettings s = settings();
  s.token = kToken;
  const FetchResult result = fetch(s);
  EXPECT_TRUE(sleeps.empty());
  EXPECT_EQ(result.error,
            "cannot download github.com/acme/web-app at HEAD: GitHub refused the token given (HTTP 401); give a valid "
            "token with --github-token, GITHUB_TOKEN or CODEDEPLOY_GITHUB_TOKEN, or none for a public repository");
  EXPECT_EQ(result.error.find(kToken), std::string::npos);
}

TEST_F(GithubFetch, ARateLimitSaysToSetAToken) {
  answers = {{403, "", {{"X-RateLimit-Limit", "60"}, {"X-RateLimit-Remaining", "0"}}}};
  const FetchResult result = fetch(settings());
  EXPECT_TRUE(sleeps.empty());
  EXPECT_EQ(result.error,
            "cannot download github.com/acme/web-app at HEAD: GitHub's API rate limit is used up (HTTP 403, "
            "x-ratelimit-remaining: 0); set GITHUB_TOKEN or pass --github-token for a higher limit, or wait until it "
            "resets");
}

TEST_F(GithubFetch, AForbiddenAnswerWithoutRateLimitIsAboutAccess) {
  answers = {{403, "", {{"X-RateLimit-Remaining", "4999"}}}};
  GithubFetchSettings s = settings();
  s.token = kToken;
  EXPECT_EQ(fetch(s).error,
            "cannot download github.com/acme/web-app at HEAD: GitHub denied access (HTTP 403); check that the token "
            "given may read the repository");
}

TEST_F(GithubFetch, TheRedirectToCodeloadIsFollowedWithoutTheToken) {
  answers = {{302, "", {{"Location", "https://codeload.github.test/acme/web-app/legacy.zip/HEAD"}}}, {200, "PK"}};
  GithubFetchSettings s = settings();
  s.token = kToken;
  ASSERT_TRUE(fetch(s).bundle);
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[1].url, "https://codeload.github.test/acme/web-app/legacy.zip/HEAD");
  EXPECT_EQ(header(1, "Authorization"), "<absent>");
  EXPECT_EQ(header(1, "Host"), "codeload.github.test");
  EXPECT_EQ(header(1, "User-Agent"), "cdrun/test");
}

}  // namespace
}  // namespace cdrun
