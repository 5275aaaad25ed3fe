// /health, the log file, the key ring's file modes and graceful stop of one running instance.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <regex>
#include <nlohmann/json.hpp>

#include "tests/e2e/run_cdrun.h"
#include "tests/sample_app/http_client.h"
#include "tests/sample_app/sample_app_process.h"

namespace cdrun::sample_app_test {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;

class SampleAppHealth : public ::testing::Test {
 protected:
  void SetUp() override {
    AppSettings settings;
    settings.instance = "web-7";
    settings.revision = "rev-42";
    app_ = std::make_unique<SampleApp>(dir_.path(), settings);
    ASSERT_TRUE(app_->ready()) << app_->output();
  }

  e2e::TempDir dir_;
  std::unique_ptr<SampleApp> app_;
};

TEST_F(SampleAppHealth, ReportsOkWithItsIdentity) {
  const HttpResponse health = http_get(app_->port(), "/health");
  ASSERT_EQ(health.status, 200) << health.error << health.body;
  EXPECT_THAT(health.header("content-type"), HasSubstr("application/json"));
  EXPECT_EQ(health.header("x-instance"), "web-7");
  const auto json = nlohmann::json::parse(health.body);
  EXPECT_EQ(json.at("status"), "ok");
  EXPECT_EQ(json.at("instance"), "web-7");
  EXPECT_EQ(json.at("revision"), "rev-42");
  EXPECT_EQ(json.at("database"), "ok");
  EXPECT_EQ(json.at("key_store"), "local");
  EXPECT_FALSE(json.contains("reason"));
}

TEST_F(SampleAppHealth, Is503WhenTheDatabaseFileIsReplacedByADirectory) {
  ASSERT_EQ(http_get(app_->port(), "/health").status, 200);
  const std::string db = app_->data_dir() + "/users.db";
  std::filesystem::rename(db, db + ".moved");
  std::filesystem::create_directory(db);

  const HttpResponse health = http_get(app_->port(), "/health");
  EXPECT_EQ(health.status, 503) << health.body;
  const auto json = nlohmann::json::parse(health.body);
  EXPECT_EQ(json.at("status"), "unhealthy");
  EXPECT_EQ(json.at("database"), "error");
  EXPECT_THAT(json.at("reason").get<std::string>(), HasSubstr(db));
  // The pages fail too, with a 500 rather than a crash or a hang.
  EXPECT_EQ(http_get(app_->port(), "/users").status, 500);

  std::filesystem::remove(db);
  std::filesystem::rename(db + ".moved", db);
  EXPECT_EQ(http_get(app_->port(), "/health").status, 200) << "health recovers with the database";
}

TEST_F(SampleAppHealth, LogsStartEachRequestAndStop) {
  EXPECT_EQ(http_get(app_->port(), "/health").status, 200);
  EXPECT_EQ(http_get(app_->port(), "/no/such/page").status, 404);
  EXPECT_EQ(http_post_form(app_->port(), "/users", {{"name", "x"}, {"email", "x@example.com"}}).status, 400);
  app_->process().send_signal(SIGTERM);
  ASSERT_EQ(app_->process().wait_exit(std::chrono::seconds(20)), 0);

  const std::string log = app_->log();
  const std::string port = std::to_string(app_->port());
  const std::string time = R"([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z)";
  std::vector<std::string> lines;
  for (size_t at = 0; at < log.size();) {
    const size_t end = log.find('\n', at);
    lines.push_back(log.substr(at, end - at));
    at = end == std::string::npos ? log.size() : end + 1;
  }
  ASSERT_GE(lines.size(), 5u) << log;
  EXPECT_THAT(lines.front(), MatchesRegex(time + " start instance=web-7 revision=rev-42 listen=127\\.0\\.0\\.1 port=" +
                                          port + " key_store=local pid=[0-9]+ .*"));
  EXPECT_THAT(log, HasSubstr(" GET /health 200 "));
  EXPECT_THAT(log, HasSubstr(" GET /no/such/page 404 "));
  EXPECT_THAT(log, HasSubstr(" POST /users 400 "));
  EXPECT_THAT(log, HasSubstr(" anti-forgery POST /users rejected: no token was sent"));
  const std::string request_line = time + R"( GET /health 200 [0-9]+\.[0-9]{2}ms)";
  EXPECT_TRUE(std::any_of(lines.begin(), lines.end(),
                          [&](const std::string& line) { return std::regex_match(line, std::regex(request_line)); }))
      << log;
  EXPECT_THAT(lines.back(), MatchesRegex(time + " stop instance=web-7 revision=rev-42 listen=127\\.0\\.0\\.1 port=" +
                                         port + " key_store=local signal=.*"));
}

TEST_F(SampleAppHealth, SigtermStopsPromptlyWithExitZeroEvenWithAnIdleConnection) {
  // An idle keep-alive connection is what usually holds a server's shutdown up.
  const int idle = connect_loopback(app_->port());
  ASSERT_GE(idle, 0);
  const std::string request = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";
  ASSERT_EQ(::send(idle, request.data(), request.size(), MSG_NOSIGNAL), static_cast<ssize_t>(request.size()));
  char buffer[512];
  ASSERT_GT(::recv(idle, buffer, sizeof buffer, 0), 0);

  const auto started = std::chrono::steady_clock::now();
  app_->process().send_signal(SIGTERM);
  const auto exit_code = app_->process().wait_exit(std::chrono::seconds(20));
  ::close(idle);
  ASSERT_TRUE(exit_code.has_value()) << "still running 20 s after SIGTERM";
  EXPECT_EQ(*exit_code, 0);
  // "Promptly": well inside the 30 s a hook script typically allows; generous for ASan builds.
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
  EXPECT_FALSE(port_accepts(app_->port()));
}

TEST_F(SampleAppHealth, SigintStopsWithExitZero) {
  app_->process().send_signal(SIGINT);
  EXPECT_EQ(app_->process().wait_exit(std::chrono::seconds(20)), 0);
  EXPECT_THAT(app_->log(), HasSubstr(" signal=Interrupt"));
}

TEST_F(SampleAppHealth, KeepsTheLocalKeyRingPrivate) {
  struct stat dir_info {}, file_info {};
  ASSERT_EQ(::stat((app_->data_dir() + "/keys").c_str(), &dir_info), 0);
  ASSERT_EQ(::stat((app_->data_dir() + "/keys/keyring").c_str(), &file_info), 0);
  EXPECT_EQ(dir_info.st_mode & 07777, 0700u);
  EXPECT_EQ(file_info.st_mode & 07777, 0600u);
  const std::string ring = read_text_file(app_->data_dir() + "/keys/keyring");
  EXPECT_THAT(ring, MatchesRegex("cdrun-sample-app keyring v1\n[0-9a-f]{16} [0-9]+ [0-9a-f]{64}\n"));
}

}  // namespace
}  // namespace cdrun::sample_app_test
