// Requests through a real HTTP proxy (tinyproxy, started per test on a free loopback port): plain http
// in absolute form, https tunnelled with CONNECT and verified end to end, NO_PROXY going direct, proxy
// credentials, and the messages for a dead proxy and a refused CONNECT. tinyproxy's log shows which
// requests passed through it.
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "aws/http/http_exchange.h"
#include "tests/aws/moto_server.h"
#include "tests/aws/onprem_test_support.h"
#include "tests/aws/tls_test_server.h"

namespace cdrun::testing {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;
using aws::http::TransportError;

class TinyProxy {
 public:
  // Writes a configuration (plus `extra` lines) into `dir` and starts tinyproxy in the foreground.
  std::string start(const std::string& dir, const std::string& extra = "") {
    port_ = free_loopback_port();
    log_ = dir + "/tinyproxy.log";
    std::ofstream(dir + "/tinyproxy.conf") << "Listen 127.0.0.1\nPort " << port_ << "\nAllow 127.0.0.1\nLogFile \""
                                           << log_ << "\"\nLogLevel Info\nMaxClients 10\nTimeout 30\n"
                                           << extra;
    process_ = std::make_unique<BackgroundProcess>(
        "/usr/bin/tinyproxy", std::vector<std::string>{"-d", "-c", dir + "/tinyproxy.conf"}, std::vector<std::string>{},
        dir + "/tinyproxy");
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < deadline && process_->running()) {
      if (log().find("Accepting connections") != std::string::npos) return "";
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return "tinyproxy did not start: " + process_->err() + log();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int port() const { return port_; }
  std::string log() const { return file_exists(log_) ? read_file(log_) : ""; }

 private:
  int port_ = 0;
  std::string log_;
  std::unique_ptr<BackgroundProcess> process_;
};

class HttpProxy : public ::testing::Test {
 protected:
  void SetUp() override {
    if (::access("/usr/bin/tinyproxy", X_OK) != 0) GTEST_SKIP() << "no tinyproxy (apt-get install tinyproxy)";
    if (::access("/usr/bin/openssl", X_OK) != 0) GTEST_SKIP() << "no openssl binary";
    isolate_environment(dir.path());
  }
  void start_proxy(const std::string& extra = "") { ASSERT_EQ(proxy.start(dir.path(), extra), ""); }
  void start_tls_server() {
    server_dir = std::make_unique<cdrun::e2e::TempDir>();
    ASSERT_EQ(tls.start(server_dir->path()), "");
  }
  cdrun::e2e::TempDir dir;
  TinyProxy proxy;
  std::unique_ptr<cdrun::e2e::TempDir> server_dir;
  TlsTestServer tls;
};

TEST_F(HttpProxy, PlainHttpGoesToTheProxyInAbsoluteForm) {
  start_proxy();
  MotoServer moto;
  const aws::http::ExchangeResult result = test_get(moto.endpoint() + "/moto-api/", "", {{"http_proxy", proxy.url()}});
  ASSERT_TRUE(result.response) << result.failure.message;
  EXPECT_EQ(result.response->status, 200);
  EXPECT_THAT(proxy.log(), HasSubstr("GET " + moto.endpoint() + "/moto-api/ HTTP/1.1"));
}

TEST_F(HttpProxy, TheCliSendsItsSignedCallThroughHttpProxy) {
  start_proxy();
  MotoServer moto;
  const std::vector<std::string> args = {"onprem", "configure", "--role-arn", kRoleArn, "--session-name", "host1",
                                         "--region", "us-east-1", "--config-dir", dir.path() + "/conf",
                                         "--endpoint-url", moto.endpoint()};
  const cdrun::e2e::Outcome run = cdrun::e2e::run_cdrun(
      args, {"AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY=secret", "http_proxy=" + proxy.url()});
  EXPECT_THAT(proxy.log(), HasSubstr("POST " + moto.endpoint() + "/ HTTP/1.1")) << run.err;
  EXPECT_THAT(run.err, Not(HasSubstr("no connection")));
}

TEST_F(HttpProxy, HttpsTunnelsWithConnectAndStillVerifiesTheServer) {
  start_proxy();
  start_tls_server();
  const std::string connect_line = "CONNECT 127.0.0.1:" + std::to_string(tls.port()) + " HTTP/1.1";
  aws::http::ExchangeResult result = test_get(tls.url(), tls.cert(), {{"https_proxy", proxy.url()}});
  ASSERT_TRUE(result.response) << result.failure.message;
  EXPECT_EQ(result.response->body, "not an AWS answer");
  EXPECT_THAT(proxy.log(), HasSubstr(connect_line));
  // Without the server's CA the tunnel opens but the certificate is refused, as on a direct connection.
  result = test_get(tls.url(), "", {{"HTTPS_PROXY", proxy.url()}});
  ASSERT_FALSE(result.response);
  EXPECT_EQ(result.failure.error, TransportError::kTlsVerify);
}

TEST_F(HttpProxy, NoProxyGoesDirect) {
  start_proxy();
  start_tls_server();
  const aws::http::ExchangeResult result =
      test_get(tls.url(), tls.cert(), {{"https_proxy", proxy.url()}, {"NO_PROXY", "127.0.0.1"}});
  ASSERT_TRUE(result.response) << result.failure.message;
  EXPECT_EQ(result.response->status, 200);
  EXPECT_THAT(proxy.log(), Not(HasSubstr("Request (file descriptor")));
}

TEST_F(HttpProxy, ProxyCredentialsAreSentAndNeverPrinted) {
  start_proxy("BasicAuth alice s3cret-pw\n");
  start_tls_server();
  const std::string with_user = "http://alice:s3cret-pw@127.0.0.1:" + std::to_string(proxy.port());
  aws::http::ExchangeResult result = test_get(tls.url(), tls.cert(), {{"https_proxy", with_user}});
  ASSERT_TRUE(result.response) << result.failure.message;
  EXPECT_EQ(result.response->status, 200);
  result = test_get(tls.url(), tls.cert(), {{"https_proxy", proxy.url()}});
  ASSERT_FALSE(result.response);
  EXPECT_EQ(result.failure.error, TransportError::kProxy);
  EXPECT_THAT(result.failure.message,
              HasSubstr("the proxy " + proxy.url() + " (from https_proxy) refused CONNECT 127.0.0.1:" +
                        std::to_string(tls.port()) + ": HTTP/1.1 407 "));
}

TEST_F(HttpProxy, ARefusedConnectNamesTheProxyAndItsStatusLine) {
  start_proxy("ConnectPort 443\n");  // tinyproxy then refuses tunnels to any other port with 403
  start_tls_server();
  const aws::http::ExchangeResult result = test_get(tls.url(), tls.cert(), {{"https_proxy", proxy.url()}});
  ASSERT_FALSE(result.response);
  EXPECT_EQ(result.failure.error, TransportError::kProxy);
  EXPECT_EQ(result.failure.message, "the proxy " + proxy.url() + " (from https_proxy) refused CONNECT 127.0.0.1:" +
                                        std::to_string(tls.port()) + ": HTTP/1.1 403 Access violation");
}

TEST_F(HttpProxy, ADeadProxyIsNamedWithoutItsCredentials) {
  const RefusingPort dead;
  const std::string port = dead.url().substr(dead.url().rfind(':') + 1);
  const aws::http::ExchangeResult result =
      test_get("https://sts.us-east-1.amazonaws.com/", "", {{"https_proxy", "http://bob:hunter2@127.0.0.1:" + port}});
  ASSERT_FALSE(result.response);
  EXPECT_EQ(result.failure.error, TransportError::kProxy);
  EXPECT_EQ(result.failure.message, "the proxy http://127.0.0.1:" + port +
                                        " (from https_proxy) is unreachable: connection refused by 127.0.0.1:" + port);

  const std::vector<std::string> args = {"onprem", "configure", "--role-arn", kRoleArn, "--session-name", "host1",
                                         "--region", "us-east-1", "--config-dir", dir.path() + "/conf"};
  const cdrun::e2e::Outcome run = cdrun::e2e::run_cdrun(
      args, {"AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY=secret",
             "HTTPS_PROXY=http://bob:hunter2@127.0.0.1:" + port});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, AllOf(HasSubstr("through the proxy: check https_proxy/HTTPS_PROXY"),
                             HasSubstr("the proxy http://127.0.0.1:" + port + " (from HTTPS_PROXY) is unreachable"),
                             Not(HasSubstr("hunter2")), Not(HasSubstr("bob"))));
  EXPECT_FALSE(file_exists(dir.path() + "/conf"));
}

}  // namespace
}  // namespace cdrun::testing
