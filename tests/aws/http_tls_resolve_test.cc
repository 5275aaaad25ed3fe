// aws/http against real local servers: TLS verification with and without the right CA (given as a
// file and through SSL_CERT_FILE), a certificate for another host, and host names resolved by c-ares
// from a hosts file, or not at all.
#include <stdlib.h>
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>

#include "aws/core/aws_errors.h"
#include "aws/http/http_exchange.h"
#include "tests/aws/moto_server.h"
#include "tests/aws/tls_test_server.h"

namespace cdrun::testing {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using aws::http::TransportError;

class HttpTls : public ::testing::Test {
 protected:
  void SetUp() override {
    if (::access("/usr/bin/openssl", X_OK) != 0) GTEST_SKIP() << "no openssl binary";
    ASSERT_EQ(server.start(dir.path()), "");
  }
  cdrun::e2e::TempDir dir;
  TlsTestServer server;
};

TEST_F(HttpTls, AnUnknownSelfSignedCertificateIsRefusedWithOpenSslsReasonAndAHint) {
  const aws::http::ExchangeResult result = test_get(server.url(), "");
  ASSERT_FALSE(result.response);
  EXPECT_EQ(result.failure.error, TransportError::kTlsVerify);
  EXPECT_EQ(result.failure.message,
            "TLS: certificate verify failed for 127.0.0.1:" + std::to_string(server.port()) + ": self-signed certificate");
  aws::AwsFailure failure;
  failure.transport = result.failure.error;
  failure.message = result.failure.message;
  EXPECT_THAT(aws::explain_failure(failure, {"sts:AssumeRole", server.url(), "key"}),
              AllOf(HasSubstr("is not trusted"), HasSubstr("AWS_CA_BUNDLE"), HasSubstr("SSL_CERT_FILE"),
                    HasSubstr("self-signed certificate")));
}

TEST_F(HttpTls, ItsCaFileMakesItTrustedGivenDirectlyOrThroughSslCertFile) {
  aws::http::ExchangeResult result = test_get(server.url(), server.cert());
  ASSERT_TRUE(result.response) << result.failure.message;
  EXPECT_EQ(result.response->status, 200);
  EXPECT_EQ(result.response->body, "not an AWS answer");
  result = test_get(server.url(), "", {{"SSL_CERT_FILE", server.cert()}});
  ASSERT_TRUE(result.response) << result.failure.message;
  EXPECT_EQ(result.response->status, 200);
  // An explicit CA file wins over SSL_CERT_FILE, as AWS_CA_BUNDLE does for the AWS CLI.
  result = test_get(server.url(), "/etc/ssl/certs/ca-certificates.crt", {{"SSL_CERT_FILE", server.cert()}});
  EXPECT_EQ(result.failure.error, TransportError::kTlsVerify);
}

TEST_F(HttpTls, ACertificateForAnotherHostIsRefusedEvenWithItsCa) {
  // The certificate names IP 127.0.0.1 only; "localhost" reaches the same server by another name.
  const aws::http::ExchangeResult result = test_get(server.url("localhost"), server.cert());
  ASSERT_FALSE(result.response);
  EXPECT_EQ(result.failure.error, TransportError::kTlsVerify);
  EXPECT_THAT(result.failure.message, HasSubstr("hostname mismatch"));
}

TEST_F(HttpTls, AnUnreadableCaFileIsNamed) {
  const aws::http::ExchangeResult result = test_get(server.url(), dir.path() + "/missing.pem");
  ASSERT_FALSE(result.response);
  EXPECT_EQ(result.failure.error, TransportError::kCaUnreadable);
  EXPECT_THAT(result.failure.message, HasSubstr(dir.path() + "/missing.pem"));
}

// c-ares reads the hosts file named by CARES_HOSTS instead of /etc/hosts; this process's environment
// is where it looks, so the variable is set only around the call.
class HostsFile {
 public:
  explicit HostsFile(const std::string& path) { ::setenv("CARES_HOSTS", path.c_str(), 1); }
  ~HostsFile() { ::unsetenv("CARES_HOSTS"); }
};

TEST(HttpResolve, NamesComeFromTheHostsFile) {
  MotoServer moto;
  cdrun::e2e::TempDir dir;
  std::ofstream(dir.path() + "/hosts") << "127.0.0.1 moto.cdrun-test.example\n";
  const HostsFile hosts(dir.path() + "/hosts");
  const std::string port = moto.endpoint().substr(moto.endpoint().rfind(':') + 1);
  const aws::http::ExchangeResult result = test_get("http://moto.cdrun-test.example:" + port + "/moto-api/", "");
  ASSERT_TRUE(result.response) << result.failure.message;
  EXPECT_EQ(result.response->status, 200);
}

TEST(HttpResolve, AnUnresolvableNameFailsClearlyWithinTheDeadline) {
  const auto start = std::chrono::steady_clock::now();
  const aws::http::ExchangeResult result = test_get("https://nonexistent.invalid/", "");
  const auto took = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(result.response);
  EXPECT_EQ(result.failure.error, TransportError::kResolve);
  EXPECT_THAT(result.failure.message,
              AllOf(HasSubstr("cannot resolve host nonexistent.invalid"), HasSubstr("/etc/resolv.conf")));
  EXPECT_LT(took, std::chrono::seconds(7));  // the connect timeout is 5s
}

}  // namespace
}  // namespace cdrun::testing
