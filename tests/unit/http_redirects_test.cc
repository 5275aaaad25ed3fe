// Redirect following for downloads (aws/http/http_redirects.h), with a fake transport. The rules are
// curl's for `-L`: Location resolved as RFC 3986 §5.2 says, Authorization kept only for the same
// host and port, and cdrun's own limits (5 redirects, https never followed to http).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "aws/http/http_redirects.h"

namespace cdrun::aws::http {
namespace {

ExchangeResult answer(int status, const std::string& location = "") {
  HttpResponse response;
  response.status = status;
  if (!location.empty()) response.headers = {{"Location", location}};
  return ExchangeResult{response, {}};
}

std::string header_of(const HttpRequest& request, const std::string& name) {
  for (const auto& [key, value] : request.headers)
    if (key == name) return value;
  return "<absent>";
}

class Redirects : public ::testing::Test {
 protected:
  RedirectPolicy policy() {
    RedirectPolicy p;
    p.send = [this](const HttpRequest& request) {
      sent.push_back(request);
      return answers.at(sent.size() - 1);
    };
    return p;
  }
  HttpRequest request() const {
    HttpRequest r;
    r.method = "GET";
    r.url = "https://api.example.test/repos/o/r/zipball/HEAD";
    r.headers = {{"Host", "api.example.test"}, {"Authorization", "token t"}, {"User-Agent", "cdrun/1"}};
    return r;
  }
  std::vector<ExchangeResult> answers;
  std::vector<HttpRequest> sent;
};

TEST(ResolveLocation, AbsoluteRootRelativeAndPathRelative) {
  const std::string base = "https://a.test:8443/x/y/z?q=1";
  EXPECT_EQ(resolve_location(base, "https://b.test/k"), "https://b.test/k");
  EXPECT_EQ(resolve_location(base, "//c.test/k"), "https://c.test/k");
  EXPECT_EQ(resolve_location(base, "/k?v=2"), "https://a.test:8443/k?v=2");
  EXPECT_EQ(resolve_location(base, "k"), "https://a.test:8443/x/y/k");
}

TEST_F(Redirects, AnotherHostGetsNoAuthorizationAndItsOwnHostHeader) {
  answers = {answer(302, "https://codeload.example.test/o/r/legacy.zip/HEAD"), answer(200)};
  const ExchangeResult result = exchange_following_redirects(request(), policy());
  ASSERT_TRUE(result.response);
  EXPECT_EQ(result.response->status, 200);
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[1].url, "https://codeload.example.test/o/r/legacy.zip/HEAD");
  EXPECT_EQ(header_of(sent[1], "Host"), "codeload.example.test");
  EXPECT_EQ(header_of(sent[1], "Authorization"), "<absent>");
  EXPECT_EQ(header_of(sent[1], "User-Agent"), "cdrun/1");
}

TEST_F(Redirects, TheSameServerKeepsTheAuthorization) {
  answers = {answer(307, "/elsewhere"), answer(200)};
  exchange_following_redirects(request(), policy());
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[1].url, "https://api.example.test/elsewhere");
  EXPECT_EQ(header_of(sent[1], "Authorization"), "token t");
}

TEST_F(Redirects, AnotherPortOfTheSameHostIsAnotherServer) {
  answers = {answer(302, "https://api.example.test:444/k"), answer(200)};
  exchange_following_redirects(request(), policy());
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(header_of(sent[1], "Authorization"), "<absent>");
  EXPECT_EQ(header_of(sent[1], "Host"), "api.example.test:444");
}

TEST_F(Redirects, HttpsIsNeverFollowedToHttp) {
  answers = {answer(302, "http://codeload.example.test/k")};
  const ExchangeResult result = exchange_following_redirects(request(), policy());
  EXPECT_FALSE(result.response);
  EXPECT_EQ(result.failure.error, TransportError::kBadUrl);
  EXPECT_EQ(result.failure.message, "a redirect from https to http://codeload.example.test/k (only https is followed)");
  EXPECT_EQ(sent.size(), 1u);
}

TEST_F(Redirects, AtMostFiveAreFollowed) {
  for (int i = 0; i < 6; ++i) answers.push_back(answer(301, "/hop" + std::to_string(i)));
  const ExchangeResult result = exchange_following_redirects(request(), policy());
  EXPECT_FALSE(result.response);
  EXPECT_EQ(result.failure.message, "more than 5 redirects, the last to https://api.example.test/hop5");
  EXPECT_EQ(sent.size(), 6u);
}

TEST_F(Redirects, OtherAnswersAndARedirectWithoutLocationAreReturnedAsTheyAre) {
  answers = {answer(304)};
  EXPECT_EQ(exchange_following_redirects(request(), policy()).response->status, 304);
  sent.clear();
  answers = {answer(302)};
  EXPECT_EQ(exchange_following_redirects(request(), policy()).response->status, 302);
  EXPECT_EQ(sent.size(), 1u);
}

}  // namespace
}  // namespace cdrun::aws::http
