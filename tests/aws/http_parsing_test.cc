// Unit tests of aws/http's pure parts: URLs, the proxy an environment selects, NO_PROXY matching and
// where CA certificates are looked for. Expected values follow curl's and the AWS CLI's documented
// behaviour and the distributions' bundle locations.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "aws/http/ca_search.h"
#include "aws/http/http_url.h"
#include "aws/http/proxy_choice.h"
#include "tests/aws/moto_server.h"

namespace cdrun::aws::http {
namespace {

using ::testing::ElementsAre;

const auto env_of = cdrun::testing::fixed_env;

TEST(HttpUrl, SplitsSchemeHostPortAndTarget) {
  const std::optional<Url> url = parse_url("https://sts.us-east-1.amazonaws.com/");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->scheme, "https");
  EXPECT_EQ(url->host, "sts.us-east-1.amazonaws.com");
  EXPECT_EQ(url->port, 443);
  EXPECT_EQ(url->target, "/");
  EXPECT_EQ(host_header(*url), "sts.us-east-1.amazonaws.com");

  const std::optional<Url> local = parse_url("HTTP://127.0.0.1:5000/a/b?x=1&y=2#frag");
  ASSERT_TRUE(local);
  EXPECT_EQ(local->scheme, "http");
  EXPECT_EQ(local->port, 5000);
  EXPECT_EQ(local->target, "/a/b?x=1&y=2");
  EXPECT_EQ(host_header(*local), "127.0.0.1:5000");

  const std::optional<Url> bare = parse_url("http://Example.COM");
  ASSERT_TRUE(bare);
  EXPECT_EQ(bare->host, "example.com");
  EXPECT_EQ(bare->port, 80);
  EXPECT_EQ(bare->target, "/");
  EXPECT_EQ(parse_url("http://example.com?q")->target, "/?q");
}

TEST(HttpUrl, BracketsIpv6Hosts) {
  const std::optional<Url> url = parse_url("https://[::1]:8443/path");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->host, "::1");
  EXPECT_EQ(url->port, 8443);
  EXPECT_EQ(authority(*url), "[::1]:8443");
  EXPECT_EQ(host_header(*parse_url("https://[2001:db8::1]/")), "[2001:db8::1]");
  EXPECT_FALSE(parse_url("https://[::1/"));
  EXPECT_FALSE(parse_url("https://[not-an-address]/"));
}

TEST(HttpUrl, RefusesWhatIsNotAnHttpUrl) {
  EXPECT_FALSE(parse_url("ftp://example.com/"));
  EXPECT_FALSE(parse_url("example.com"));
  EXPECT_FALSE(parse_url("https:///path"));
  EXPECT_FALSE(parse_url("https://host:0/"));
  EXPECT_FALSE(parse_url("https://host:65536/"));
  EXPECT_FALSE(parse_url("https://host:12x/"));
  EXPECT_FALSE(parse_url("https://host:/"));
}

TEST(HttpUrl, ReadsProxyCredentialsAndNeverPrintsThem) {
  const std::optional<Url> proxy = parse_url("proxy.corp:3128", "http");
  ASSERT_TRUE(proxy);
  EXPECT_EQ(authority(*proxy), "proxy.corp:3128");
  const std::optional<Url> with_user = parse_url("http://alice:p%40ss:word@10.0.0.1:8080");
  ASSERT_TRUE(with_user);
  EXPECT_EQ(with_user->user, "alice");
  EXPECT_EQ(with_user->password, "p@ss:word");
  EXPECT_EQ(with_user->host, "10.0.0.1");
  EXPECT_EQ(without_credentials(*with_user), "http://10.0.0.1:8080");
}

TEST(HttpNoProxy, MatchesNamesDomainsAndAddresses) {
  EXPECT_TRUE(no_proxy_matches("*", "anything.example"));
  EXPECT_TRUE(no_proxy_matches("example.com", "example.com"));
  EXPECT_TRUE(no_proxy_matches("example.com", "sts.example.com"));
  EXPECT_TRUE(no_proxy_matches(".example.com", "sts.example.com"));
  EXPECT_TRUE(no_proxy_matches(".example.com", "example.com"));
  EXPECT_FALSE(no_proxy_matches("example.com", "badexample.com"));
  EXPECT_FALSE(no_proxy_matches("sts.example.com", "example.com"));
  EXPECT_TRUE(no_proxy_matches("localhost, 169.254.169.254 ,Internal.Corp", "internal.corp"));
  EXPECT_TRUE(no_proxy_matches("localhost, 169.254.169.254", "169.254.169.254"));
  EXPECT_FALSE(no_proxy_matches("169.254.169.254", "169.254.169.25"));
  EXPECT_FALSE(no_proxy_matches("10.0.0.1", "110.0.0.1"));
  EXPECT_TRUE(no_proxy_matches("::1", "::1"));
  EXPECT_TRUE(no_proxy_matches("[::1]:443", "::1"));
  EXPECT_TRUE(no_proxy_matches("example.com:8443", "example.com"));
  EXPECT_FALSE(no_proxy_matches("", "example.com"));
  EXPECT_FALSE(no_proxy_matches(",,", "example.com"));
}

TEST(HttpProxyChoice, TakesTheSchemesVariableLowercaseFirst) {
  const Url https_target = *parse_url("https://sts.amazonaws.com/");
  const Url http_target = *parse_url("http://127.0.0.1:5000/");
  EXPECT_FALSE(choose_proxy(https_target, env_of({})));
  EXPECT_FALSE(choose_proxy(https_target, env_of({{"http_proxy", "http://p:1"}})));
  EXPECT_EQ(choose_proxy(https_target, env_of({{"HTTPS_PROXY", "http://upper:1"}}))->value, "http://upper:1");
  const std::optional<ProxyChoice> both =
      choose_proxy(https_target, env_of({{"HTTPS_PROXY", "http://upper:1"}, {"https_proxy", "http://lower:1"}}));
  ASSERT_TRUE(both);
  EXPECT_EQ(both->variable, "https_proxy");
  EXPECT_EQ(both->value, "http://lower:1");
  EXPECT_EQ(choose_proxy(http_target, env_of({{"HTTP_PROXY", "http://upper:2"}}))->variable, "HTTP_PROXY");
  EXPECT_FALSE(choose_proxy(http_target, env_of({{"https_proxy", "http://p:1"}})));
  EXPECT_FALSE(choose_proxy(http_target, env_of({{"http_proxy", "http://p:1"}, {"NO_PROXY", "127.0.0.1"}})));
  EXPECT_FALSE(choose_proxy(https_target, env_of({{"https_proxy", "http://p:1"}, {"no_proxy", ".amazonaws.com"}})));
  EXPECT_TRUE(choose_proxy(https_target, env_of({{"https_proxy", "http://p:1"}, {"no_proxy", "127.0.0.1"}})));
}

std::function<bool(const std::string&)> existing(std::set<std::string> paths) {
  return [paths](const std::string& path) { return paths.count(path) > 0; };
}

TEST(HttpCaSearch, AnExplicitFileWinsOverEverything) {
  const CaTrust trust = find_ca_trust("/my/ca.pem", env_of({{"SSL_CERT_FILE", "/env/ca.pem"}}),
                                      existing({"/etc/ssl/certs/ca-certificates.crt"}));
  EXPECT_EQ(trust.file, "/my/ca.pem");
  EXPECT_EQ(trust.dir, "");
}

TEST(HttpCaSearch, SslCertFileAndDirComeNext) {
  const auto debian = existing({"/etc/ssl/certs/ca-certificates.crt"});
  CaTrust trust = find_ca_trust("", env_of({{"SSL_CERT_FILE", "/env/ca.pem"}}), debian);
  EXPECT_EQ(trust.file, "/env/ca.pem");
  EXPECT_EQ(trust.source, "SSL_CERT_FILE");
  trust = find_ca_trust("", env_of({{"SSL_CERT_DIR", "/env/certs"}}), debian);
  EXPECT_EQ(trust.file, "");
  EXPECT_EQ(trust.dir, "/env/certs");
  trust = find_ca_trust("", env_of({{"SSL_CERT_FILE", "/env/ca.pem"}, {"SSL_CERT_DIR", "/env/certs"}}), debian);
  EXPECT_EQ(trust.file, "/env/ca.pem");
  EXPECT_EQ(trust.dir, "/env/certs");
}

TEST(HttpCaSearch, FindsEachDistributionsBundle) {
  const std::vector<std::string> bundles = {
      "/etc/ssl/certs/ca-certificates.crt", "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",
      "/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/ca-bundle.pem", "/etc/ssl/cert.pem"};
  for (const std::string& bundle : bundles) {
    const CaTrust trust = find_ca_trust("", env_of({}), existing({bundle, "/etc/ssl/certs"}));
    EXPECT_EQ(trust.file, bundle);
    EXPECT_EQ(trust.dir, "");
  }
  // Amazon Linux also has /etc/ssl/certs/ca-bundle.crt as a link; the first list entry present wins.
  EXPECT_EQ(find_ca_trust("", env_of({}), existing({"/etc/ssl/cert.pem", "/etc/pki/tls/certs/ca-bundle.crt"})).file,
            "/etc/pki/tls/certs/ca-bundle.crt");
}

TEST(HttpCaSearch, FallsBackToTheCertificateDirectoryThenToNothing) {
  CaTrust trust = find_ca_trust("", env_of({}), existing({"/etc/ssl/certs"}));
  EXPECT_EQ(trust.file, "");
  EXPECT_EQ(trust.dir, "/etc/ssl/certs");
  trust = find_ca_trust("", env_of({}), existing({}));
  EXPECT_FALSE(trust.found());
  EXPECT_THAT(trust.looked_in,
              ElementsAre("/etc/ssl/certs/ca-certificates.crt", "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",
                          "/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/ca-bundle.pem", "/etc/ssl/cert.pem",
                          "/etc/ssl/certs"));
}

}  // namespace
}  // namespace cdrun::aws::http
