// TLS verification stays on: a server with a self-signed certificate is refused unless its CA file is
// given (AWS_CA_BUNDLE for the CLI, ServiceTarget::ca_bundle for the library). Getting the test server's
// page (an "unexpected answer", not a TLS error) proves the handshake and the verification passed.
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "aws/core/sts_assume_role.h"
#include "tests/aws/onprem_test_support.h"
#include "tests/aws/tls_test_server.h"

namespace cdrun::testing {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;

class OnPremTls : public ::testing::Test {
 protected:
  void SetUp() override {
    if (::access("/usr/bin/openssl", X_OK) != 0) GTEST_SKIP() << "no openssl binary";
    isolate_environment(dir.path());
    const std::string failure = server.start(dir.path());
    ASSERT_EQ(failure, "");
    cert = server.cert();
  }
  std::string url() const { return server.url(); }

  cdrun::e2e::TempDir dir;
  TlsTestServer server;
  std::string cert;
};

TEST_F(OnPremTls, LibraryRefusesAnUnknownCertificateAndAcceptsItWithItsCaFile) {
  const aws::AssumeRoleRequest request{kRoleArn, "host1", 900};
  const aws::SigV4Credentials keys{"AKIAIOSFODNN7EXAMPLE", "secret", ""};
  const aws::AwsResult<aws::AssumedRole> untrusted = aws::assume_role({url(), "us-east-1", ""}, request, keys);
  ASSERT_FALSE(untrusted.ok());
  EXPECT_EQ(untrusted.failure.kind, aws::FailureKind::kNetwork);
  EXPECT_EQ(untrusted.failure.transport, aws::http::TransportError::kTlsVerify);
  const aws::AwsResult<aws::AssumedRole> trusted = aws::assume_role({url(), "us-east-1", cert}, request, keys);
  ASSERT_FALSE(trusted.ok());
  EXPECT_EQ(trusted.failure.kind, aws::FailureKind::kResponse) << trusted.failure.message;
  EXPECT_EQ(trusted.failure.http_status, 200);
}

TEST_F(OnPremTls, CliHonoursAwsCaBundle) {
  const std::vector<std::string> args = {"onprem",   "configure", "--role-arn",     kRoleArn, "--session-name",
                                         "host1",    "--region",  "us-east-1",      "--config-dir",
                                         dir.path() + "/conf",    "--endpoint-url", url()};
  const std::vector<std::string> keys = {"AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY=secret"};
  cdrun::e2e::Outcome run = cdrun::e2e::run_cdrun(args, keys);
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, AllOf(HasSubstr("is not trusted"), HasSubstr("AWS_CA_BUNDLE")));
  std::vector<std::string> with_ca = keys;
  with_ca.push_back("AWS_CA_BUNDLE=" + cert);
  run = cdrun::e2e::run_cdrun(args, with_ca);
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, AllOf(HasSubstr("unexpected answer from " + url()), HasSubstr("HTTP 200")));
  with_ca.back() = "AWS_CA_BUNDLE=" + dir.path() + "/missing.pem";
  run = cdrun::e2e::run_cdrun(args, with_ca);
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr("could not be read"));
  EXPECT_FALSE(file_exists(dir.path() + "/conf"));
}

}  // namespace
}  // namespace cdrun::testing
