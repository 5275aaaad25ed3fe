// TLS verification stays on: a server with a self-signed certificate is refused unless its CA file is
// given (AWS_CA_BUNDLE for the CLI, ServiceTarget::ca_bundle for the library). The server is a few lines
// of Python's http.server behind ssl that answers every POST with a page that is not AWS's: getting that
// page (an "unexpected answer", not a TLS error) proves the handshake and the verification passed.
#include <unistd.h>

#include <curl/curl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <thread>

#include "aws/core/sts_assume_role.h"
#include "tests/aws/onprem_test_support.h"

namespace cdrun::testing {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;

// Binds port 0 and prints the port it got, so there is no race for a free port.
const char* const kServer = R"(import http.server, ssl, sys
class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        body = b"not an AWS answer"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(sys.argv[1], sys.argv[2])
server.socket = context.wrap_socket(server.socket, server_side=True)
print(server.server_address[1], flush=True)
server.serve_forever()
)";

class OnPremTls : public ::testing::Test {
 protected:
  void SetUp() override {
    if (::access("/usr/bin/openssl", X_OK) != 0) GTEST_SKIP() << "no openssl binary";
    isolate_environment(dir.path());
    cert = dir.path() + "/cert.pem";
    const cdrun::e2e::Outcome made = cdrun::e2e::run_program(
        "/usr/bin/openssl", {"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                             "-keyout", dir.path() + "/key.pem", "-out", cert, "-days", "2", "-subj", "/CN=127.0.0.1",
                             "-addext", "subjectAltName=IP:127.0.0.1"});
    ASSERT_EQ(made.exit_code, 0) << made.err;
    dir.write("server.py", kServer);
    server = std::make_unique<BackgroundProcess>(
        "/usr/bin/env", std::vector<std::string>{"python3", dir.path() + "/server.py", cert, dir.path() + "/key.pem"},
        std::vector<std::string>{}, dir.path() + "/server");
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline && server->running() && server->out().find('\n') == std::string::npos)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    const std::string printed = server->out();
    ASSERT_NE(printed.find('\n'), std::string::npos) << "the TLS test server did not start: " << server->err();
    port = std::stoi(printed);
  }
  std::string url() const { return "https://127.0.0.1:" + std::to_string(port) + "/"; }

  cdrun::e2e::TempDir dir;
  std::string cert;
  int port = 0;
  std::unique_ptr<BackgroundProcess> server;
};

TEST_F(OnPremTls, LibraryRefusesAnUnknownCertificateAndAcceptsItWithItsCaFile) {
  const aws::AssumeRoleRequest request{kRoleArn, "host1", 900};
  const aws::SigV4Credentials keys{"AKIAIOSFODNN7EXAMPLE", "secret", ""};
  const aws::AwsResult<aws::AssumedRole> untrusted = aws::assume_role({url(), "us-east-1", ""}, request, keys);
  ASSERT_FALSE(untrusted.ok());
  EXPECT_EQ(untrusted.failure.kind, aws::FailureKind::kNetwork);
  EXPECT_EQ(untrusted.failure.curl_code, CURLE_PEER_FAILED_VERIFICATION);
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
